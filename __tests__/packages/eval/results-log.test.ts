import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EvalResults, evaluate, readResults } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

// Results stream to `<out>/<suite>.results.jsonl` as tests finish; memory keeps compact copies;
// the results JSON, JUnit and HTML are built from the full records on disk.

const rt = createTerminalRuntime({ quiet: true });
let llm: LlmServer;
let dir: string;
const LONG = `${'word '.repeat(1_000)}end`; // 5,003 characters: longer than the in-memory excerpt

beforeAll(async () => {
  llm = await startLlmServer();
});
afterAll(() => llm.stop());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-eval-log-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function suite(n: number): Promise<string> {
  const tests = Array.from(
    { length: n },
    (_, i) =>
      `  - id: t${i}\n    vars: { n: ${i} }\n    assert:\n      - { type: contains, value: "end" }\n      - { type: contains, value: "${i % 2 ? 'nope' : 'word'}" }`,
  ).join('\n');
  const file = path.join(dir, 'long.yaml');
  await writeFile(file, `prompts: ["item {{n}}"]\nproviders:\n  - { id: bot, type: openai, model: m, baseUrl: "${llm.url}" }\ntests:\n${tests}\n`);
  return file;
}

test('each finished test is one JSONL line; memory holds excerpts; the reports hold the full text', async () => {
  llm.setOptions({ replies: () => LONG });
  const r = await evaluate(rt, { suites: [await suite(6)], outDir: path.join(dir, 'out'), concurrency: 3 });
  const lines = (await readFile(path.join(dir, 'out/long.results.jsonl'), 'utf8')).trimEnd().split('\n');
  expect(lines).toHaveLength(6);
  const logged = lines.map((l) => JSON.parse(l) as EvalResults['tests'][number]);
  expect(logged.map((t) => t.id).sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
  expect(logged.every((t) => t.samples[0]?.output === LONG)).toBe(true);

  // In memory: the excerpt, passing assertions without their message, failing ones with it.
  const mem = r.suites[0]?.results.tests ?? [];
  expect(mem.map((t) => t.status)).toEqual(['pass', 'fail', 'pass', 'fail', 'pass', 'fail']);
  expect(mem[0]?.samples[0]?.output.length).toBeLessThan(LONG.length);
  expect(LONG.startsWith((mem[0]?.samples[0]?.output ?? 'x').replace(/…$/, ''))).toBe(true);
  expect(mem[1]?.samples[0]?.assertions.map((a) => [a.pass, a.message === ''])).toEqual([
    [true, true],
    [false, false],
  ]);

  // On disk: the whole answers, in suite order.
  const file = await readResults(path.join(dir, 'out/long.results.json'));
  expect(file.tests.map((t) => t.id)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
  expect(file.tests.every((t) => t.samples[0]?.output === LONG)).toBe(true);
  // Each test in the results file is exactly its record in the log.
  for (const t of file.tests) expect(t).toEqual(logged.find((x) => x.id === t.id));
  const junit = await readFile(path.join(dir, 'out/long.junit.xml'), 'utf8');
  expect(junit).toContain(`output:\n${LONG}</failure>`);
  const html = await readFile(path.join(dir, 'out/long.html'), 'utf8');
  const data = JSON.parse(/<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as { rows: { head: string }[] };
  expect(data.rows).toHaveLength(6);
  expect(data.rows.every((row) => row.head === LONG)).toBe(true);
});

test('adaptive reruns: the results file holds every sample of a rerun test, from both runs', async () => {
  let calls = 0;
  llm.setOptions({
    replies: (c) => {
      const model = (c.body as { model: string }).model;
      // item 0 of "head" flips between a good and a bad answer: borderline, so it is rerun.
      if (model === 'head' && c.lastUserMessage === 'item 0') return calls++ % 2 ? `${LONG} nope` : `${LONG} word`;
      return `${LONG} word`;
    },
  });
  const file = path.join(dir, 'ad.yaml');
  await writeFile(
    file,
    `prompts: ["item {{n}}"]\nproviders:\n  - { id: base, type: openai, model: base, baseUrl: "${llm.url}" }\n  - { id: head, type: openai, model: head, baseUrl: "${llm.url}" }\ntests:\n  - id: a\n    vars: { n: 0 }\n    assert: [{ type: not-contains, value: nope }]\n  - id: b\n    vars: { n: 1 }\n    assert: [{ type: not-contains, value: nope }]\n`,
  );
  const r = await evaluate(rt, { suites: [file], outDir: path.join(dir, 'ad'), baseline: 'provider:base', repeats: 2, adaptiveRepeats: 4 });
  expect(r.suites[0]?.results.tests.find((t) => t.id === 'a')?.samples).toHaveLength(4);
  const written = await readResults(path.join(dir, 'ad/ad.results.json'));
  const a = written.tests.find((t) => t.id === 'a');
  expect(a?.samples).toHaveLength(4);
  expect(a?.samples.every((s) => s.output.startsWith(LONG))).toBe(true);
  expect(a?.flaky).toBe(true);
  const base = await readResults(path.join(dir, 'ad/ad.baseline.results.json'));
  expect(base.tests.find((t) => t.id === 'a')?.samples.map((s) => s.output)).toEqual([`${LONG} word`, `${LONG} word`, `${LONG} word`, `${LONG} word`]);
});
