import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSuite, runSuite } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

let llm: LlmServer;
let dir: string;
beforeAll(async () => {
  llm = await startLlmServer();
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-retry-'));
});
afterAll(async () => {
  await llm.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a 429 with Retry-After: 1 waits a second before the retry (not the 250 ms backoff)', async () => {
  const file = path.join(dir, 's.yaml');
  await writeFile(file, `prompts: ["hi"]\nproviders: [{ id: "openai:chat:m", baseUrl: "${llm.url}", retries: 2 }]\ntests: [{ id: a }]\n`);
  const suite = await loadSuite(file);
  llm.setOptions({ errorRate: 1, errorStatus: 429, retryAfter: 1 });
  // The first answer is a 429 with Retry-After: 1; every later one succeeds.
  const watcher = setInterval(() => {
    if (llm.requests.length >= 1) llm.setOptions({ errorRate: 0 });
  }, 5);
  const started = performance.now();
  try {
    const r = await runSuite(createTerminalRuntime({ quiet: true }), suite);
    expect(r.tests[0]?.status).toBe('pass');
    expect(llm.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  } finally {
    clearInterval(watcher);
  }
});

test('requests per minute: a bucket of 120 rpm lets the first 120 through at once, then about 2 a second', async () => {
  llm.setOptions({ errorRate: 0 });
  const file = path.join(dir, 'rpm.yaml');
  const tests = Array.from({ length: 123 }, (_, i) => `  - id: t${i}`).join('\n');
  await writeFile(file, `prompts: ["hi"]\nproviders: [{ id: "openai:chat:m", baseUrl: "${llm.url}", rpm: 120, concurrency: 50 }]\ntests:\n${tests}\n`);
  const started = performance.now();
  const r = await runSuite(createTerminalRuntime({ quiet: true }), await loadSuite(file));
  const ms = performance.now() - started;
  expect(r.totals.passed).toBe(123);
  expect(ms).toBeGreaterThanOrEqual(1400); // 3 beyond the burst at 2 per second
  expect(ms).toBeLessThan(5000);
});
