import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

// Adaptive repeats reach the verdict of 5 fixed repeats, test by test, at well under 5x the calls
// of a single pass: only the borderline tests (flaky, flipped) get more samples.

const rt = createTerminalRuntime({ quiet: true });
let llm: LlmServer;
let dir: string;
beforeAll(async () => {
  llm = await startLlmServer();
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-adaptive-'));
});
afterAll(async () => {
  await llm.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Base passes everything; head always fails the critical item 3 and fails item 7 every other call. */
function script(): void {
  let flips = 0;
  llm.setOptions({
    replies: (c) => {
      const head = (c.body as { model: string }).model === 'head';
      if (head && c.lastUserMessage === 'item 3') return 'hmm';
      if (head && c.lastUserMessage === 'item 7') return flips++ % 2 ? 'hmm' : `ok ${c.lastUserMessage}`;
      return `ok ${c.lastUserMessage}`;
    },
  });
}

test('adaptive repeats give the verdict and per-test changes of 5 repeats for less than half their calls', async () => {
  const tests = Array.from(
    { length: 40 },
    (_, i) => `  - id: i${i}\n    vars: { n: ${i} }\n${i === 3 ? '    tags: [critical]\n' : ''}    assert: [{ type: contains, value: "item ${i}" }]`,
  ).join('\n');
  const file = path.join(dir, 'suite.yaml');
  await writeFile(
    file,
    `prompts: ["item {{n}}"]\nproviders:\n  - { id: base, type: openai, model: base, baseUrl: "${llm.url}" }\n  - { id: head, type: openai, model: head, baseUrl: "${llm.url}" }\ntests:\n${tests}\n`,
  );

  script();
  llm.requests.length = 0;
  const five = await evaluate(rt, { suites: [file], outDir: path.join(dir, 'five'), baseline: 'provider:base', repeats: 5, concurrency: 1 });
  const fiveCalls = llm.requests.length;

  script();
  llm.requests.length = 0;
  const adaptive = await evaluate(rt, {
    suites: [file],
    outDir: path.join(dir, 'adaptive'),
    baseline: 'provider:base',
    repeats: 2,
    adaptiveRepeats: 5,
    concurrency: 1,
  });
  const adaptiveCalls = llm.requests.length;

  const changes = (r: typeof five) => Object.fromEntries((r.suites[0]?.comparison?.tests ?? []).map((t) => [t.id, t.change]));
  expect(five.verdict).toBe('fail'); // the critical test newly fails
  expect(adaptive.verdict).toBe(five.verdict);
  expect(adaptive.reasons).toEqual(five.reasons);
  expect(changes(adaptive)).toEqual(changes(five));
  expect(changes(five)).toMatchObject({ i3: 'newly-failing', i7: 'flaky', i0: 'unchanged' });
  expect(fiveCalls).toBe(40 * 2 * 5);
  // 40 tests x 2 providers x 2 samples, then 3 more samples of the 2 borderline tests on both providers.
  expect(adaptiveCalls).toBe(40 * 2 * 2 + 2 * 2 * 3);
  expect(adaptiveCalls / fiveCalls).toBeLessThan(0.5);
});
