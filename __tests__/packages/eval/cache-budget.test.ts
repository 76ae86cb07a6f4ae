import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSuite, runSuite } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

// The response cache key (provider, model, parameters, rendered prompt, seed, repeat index),
// --no-cache, and the time budget.

const rt = createTerminalRuntime({ quiet: true });
let llm: LlmServer;
let dir: string;
beforeAll(async () => {
  llm = await startLlmServer({ replies: (c) => `echo: ${c.lastUserMessage}` });
});
afterAll(() => llm.stop());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-eval-cache-'));
  llm.requests.length = 0;
  llm.setOptions({ latencyMs: 0 });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function suite(opts: { model?: string; params?: string; prompt?: string; tests?: number } = {}): Promise<string> {
  const file = path.join(dir, `s-${Math.random().toString(36).slice(2)}.yaml`);
  const tests = Array.from({ length: opts.tests ?? 2 }, (_, i) => `  - id: t${i}\n    vars: { n: ${i} }\n    assert: [{ type: contains, value: "${i}" }]`);
  await writeFile(
    file,
    [
      `prompts: ["${opts.prompt ?? 'item {{n}}'}"]`,
      'providers:',
      `  - { id: bot, type: openai, model: ${opts.model ?? 'm1'}, baseUrl: "${llm.url}", stream: false, params: ${opts.params ?? '{ temperature: 0, seed: 1 }'} }`,
      'tests:',
      ...tests,
    ].join('\n'),
  );
  return file;
}

test.each([
  ['the model', { model: 'm2' }],
  ['a parameter', { params: '{ temperature: 0.7, seed: 1 }' }],
  ['the seed', { params: '{ temperature: 0, seed: 2 }' }],
  ['the rendered prompt', { prompt: 'Item {{n}}' }],
])('changing %s misses the cache; the same suite replays it', async (_what, change) => {
  const cacheDir = path.join(dir, 'cache');
  await runSuite(rt, await loadSuite(await suite()), { cacheDir, cacheMode: 'use' });
  expect(llm.requests).toHaveLength(2);
  const same = await runSuite(rt, await loadSuite(await suite()), { cacheDir, cacheMode: 'use' });
  expect(llm.requests).toHaveLength(2);
  expect(same.totals.cacheHits).toBe(2);
  const changed = await runSuite(rt, await loadSuite(await suite(change)), { cacheDir, cacheMode: 'only' });
  expect(changed.tests.map((t) => t.status)).toEqual(['skipped', 'skipped']);
  expect(llm.requests).toHaveLength(2);
});

test('each repeat index has its own entry: repeats are independent samples, not one answer copied', async () => {
  const cacheDir = path.join(dir, 'cache');
  await runSuite(rt, await loadSuite(await suite({ tests: 1 })), { cacheDir, cacheMode: 'use', repeats: 3 });
  const files = (await readdir(path.join(cacheDir, 'answers'), { recursive: true })).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(3);
});

test('--no-cache neither reads nor writes the cache', async () => {
  const cacheDir = path.join(dir, 'cache');
  await runSuite(rt, await loadSuite(await suite()), { cacheDir, cacheMode: 'use' });
  const before = (await readdir(cacheDir, { recursive: true })).length;
  const off = await runSuite(rt, await loadSuite(await suite({ model: 'm3' })), { cacheDir, cacheMode: 'off' });
  expect(off.totals.cacheHits).toBe(0);
  expect(llm.requests).toHaveLength(4);
  expect((await readdir(cacheDir, { recursive: true })).length).toBe(before);
  await runSuite(rt, await loadSuite(await suite()), { cacheDir, cacheMode: 'off' });
  expect(llm.requests).toHaveLength(6); // the cached answers were not read either
});

test('a time budget stops the run cleanly: finished tests kept, the rest skipped, results marked partial', async () => {
  llm.setOptions({ latencyMs: 60 });
  const s = await loadSuite(await suite({ tests: 30 }));
  const started = performance.now();
  const r = await runSuite(rt, s, { concurrency: 1, maxDurationMs: 300 });
  expect(performance.now() - started).toBeLessThan(1_500);
  expect(r.partial).toBe(true);
  expect(r.partialReason).toBe('time budget of 300 ms reached');
  expect(r.totals.passed).toBeGreaterThan(0);
  expect(r.totals.skipped).toBeGreaterThan(0);
  expect(r.totals.passed + r.totals.skipped).toBe(30);
  expect(r.totals.failed + r.totals.errors).toBe(0);
  expect(r.tests.filter((t) => t.status === 'skipped').every((t) => t.skipReason === 'time budget of 300 ms reached')).toBe(true);
});
