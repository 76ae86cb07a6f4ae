import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate, loadSuite, runSuite } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

const rt = createTerminalRuntime({ quiet: true });
let llm: LlmServer;
let dir: string;
beforeAll(async () => {
  llm = await startLlmServer();
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-evaluate-'));
});
afterAll(async () => {
  await llm.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a baseline provider in the same job: base and head paired by id, gated, both results written', async () => {
  // "base" answers everything; "head" forgets the number for items 0–3.
  llm.setOptions({
    replies: (c) => ((c.body as { model: string }).model === 'head' && /item [0-3]$/.test(c.lastUserMessage) ? 'hmm' : `ok ${c.lastUserMessage}`),
  });
  const tests = Array.from({ length: 10 }, (_, i) => `  - id: i${i}\n    vars: { n: ${i} }\n    assert: [{ type: contains, value: "item ${i}" }]`).join('\n');
  await writeFile(
    path.join(dir, 'pair.yaml'),
    `prompts: ["item {{n}}"]\nproviders:\n  - { id: base, type: openai, model: base, baseUrl: "${llm.url}" }\n  - { id: head, type: openai, model: head, baseUrl: "${llm.url}" }\ntests:\n${tests}\n`,
  );
  const r = await evaluate(rt, { suites: ['pair.yaml'].map((f) => path.join(dir, f)), baseline: 'provider:base', outDir: path.join(dir, 'out'), alpha: 0.1 });
  expect(r.verdict).toBe('fail');
  const s = r.suites[0];
  expect(s?.comparison?.counts['newly-failing']).toBe(4);
  expect(s?.comparison?.metrics[0]).toMatchObject({ name: 'pass rate', base: 1, head: 0.6, n: 4 });
  expect(s?.comparison?.metrics[0]?.p).toBeCloseTo(0.125, 12);
  expect(JSON.parse(await readFile(path.join(dir, 'out/pair.baseline.results.json'), 'utf8')).providers).toEqual(['base']);
});

test('adaptive repeats: only borderline tests get more samples, until the verdict is clear', async () => {
  // Test "f" is flaky in the head run (every other answer drops the number); the others are stable.
  let calls = 0;
  llm.setOptions({
    replies: (c) => (c.lastUserMessage === 'item 9' && (c.body as { model: string }).model === 'head' && calls++ % 2 === 0 ? 'hmm' : `ok ${c.lastUserMessage}`),
  });
  const tests = Array.from({ length: 10 }, (_, i) => `  - id: i${i}\n    vars: { n: ${i} }\n    assert: [{ type: contains, value: "item ${i}" }]`).join('\n');
  const file = path.join(dir, 'adaptive.yaml');
  await writeFile(
    file,
    `prompts: ["item {{n}}"]\nproviders:\n  - { id: base, type: openai, model: base, baseUrl: "${llm.url}" }\n  - { id: head, type: openai, model: head, baseUrl: "${llm.url}" }\ntests:\n${tests}\n`,
  );
  llm.requests.length = 0;
  const r = await evaluate(rt, { suites: [file], baseline: 'provider:base', outDir: path.join(dir, 'adaptive'), repeats: 2, adaptiveRepeats: 6 });
  const head = r.suites[0]?.results.tests ?? [];
  expect(head.find((t) => t.id === 'i9')?.samples).toHaveLength(6);
  expect(head.filter((t) => t.id !== 'i9').every((t) => t.samples.length === 2)).toBe(true);
  // 10 tests × 2 providers × 2 samples, then 4 more samples of i9 on both providers
  expect(llm.requests).toHaveLength(40 + 8);
  expect(r.verdict).toBe('pass');
});

test('http and command providers', async () => {
  llm.setOptions({ replies: (c) => `ok ${c.lastUserMessage}` });
  const file = path.join(dir, 'other.yaml');
  await writeFile(
    file,
    [
      'prompts: ["say {{word}}"]',
      'providers:',
      '  - id: my-http',
      `    url: ${llm.url}/chat/completions`,
      '    body: { model: m, messages: [{ role: user, content: "{{prompt}}" }] }',
      '    responsePath: choices.0.message.content',
      '  - id: "exec:tr a-z A-Z"',
      'tests:',
      '  - vars: { word: hello }',
      '    assert: [{ type: icontains, value: "say hello" }]',
    ].join('\n'),
  );
  const r = await runSuite(rt, await loadSuite(file));
  expect(r.tests.map((t) => [t.provider, t.status, t.samples[0]?.output])).toEqual([
    ['my-http', 'pass', 'ok say hello'],
    ['exec:tr a-z A-Z', 'pass', 'SAY HELLO'],
  ]);
});
