import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PublishRequest, runEvalStep } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

// The eval step on a pull request from a fork: no secrets, so it replays the response cache and
// says what it skipped, instead of failing every call.

let llm: LlmServer;
let dir: string;
beforeAll(async () => {
  llm = await startLlmServer({ replies: (c) => `ok ${c.lastUserMessage}` });
});
afterAll(() => llm.stop());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-eval-step-'));
  llm.requests.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function suite(n: number): Promise<void> {
  const tests = Array.from({ length: n }, (_, i) => `  - id: t${i}\n    vars: { n: ${i} }\n    assert: [{ type: contains, value: "item ${i}" }]`).join('\n');
  await writeFile(
    path.join(dir, 'suite.yaml'),
    `prompts: ["item {{n}}"]\nproviders:\n  - { id: bot, type: openai, model: m, baseUrl: "${llm.url}" }\ntests:\n${tests}\n`,
  );
}

function step(fromFork: boolean, inputs: Record<string, string> = {}) {
  const rt = createTerminalRuntime({
    quiet: true,
    cwd: dir,
    inputs: { suites: 'suite.yaml', 'cache-dir': 'cache', comment: 'false', check: 'false', ...inputs },
  });
  const published: PublishRequest[] = [];
  const saved: string[] = [];
  const run = runEvalStep(rt, {
    mode: 'run',
    publish: async (request) => {
      published.push(request);
      return { commentUrl: '' };
    },
    fromFork: async () => fromFork,
    saveCache: async (d) => {
      saved.push(d);
    },
  });
  return { rt, run, published, saved };
}

test('on a fork PR the step replays cached answers only, skips the rest and says so; elsewhere it calls the model', async () => {
  await suite(2);
  const first = step(false);
  await first.run;
  expect(llm.requests).toHaveLength(2);
  expect(first.saved).toHaveLength(1);

  await suite(3); // a test the cache has never seen
  llm.requests.length = 0;
  const fork = step(true);
  await fork.run.catch(() => undefined); // no baseline and a skipped test: the verdict does not matter here
  expect(llm.requests).toHaveLength(0);
  expect(fork.saved).toHaveLength(0); // nothing new to keep
  expect(fork.published[0]?.notes).toEqual([
    'Pull request from a fork: no secrets, so answers were replayed from the response cache only.',
    '1 test(s) not run: not in the cache (--cache-only).',
  ]);

  // An explicit cache mode wins over the fork default.
  llm.requests.length = 0;
  const off = step(true, { cache: 'off' });
  await off.run;
  expect(llm.requests).toHaveLength(3);
  expect(off.published[0]?.notes).toEqual([]);
});
