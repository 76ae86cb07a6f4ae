import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareResults, type EvalResults, loadSuite, mergeResults, readResults, runSuite, writeResults } from '@slipway/eval';
import { ConfigError, createTerminalRuntime } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

const rt = createTerminalRuntime({ quiet: true });
let dir: string;
let llm: LlmServer;

beforeAll(async () => {
  llm = await startLlmServer({ replies: (c) => (c.lastUserMessage.includes('capital') ? 'Paris is the capital of France.' : `echo: ${c.lastUserMessage}`) });
});
afterAll(() => llm.stop());
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-eval-'));
  llm.requests.length = 0;
  llm.setOptions({ errorRate: 0, latencyMs: 0, ttftMs: 0 });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function suiteYaml(tests: number, extra = ''): string {
  const lines = [
    'description: smoke',
    'prompts:',
    '  - "Question {{n}}: {{q}}"',
    'providers:',
    `  - id: openai:chat:gpt-4o-mini`,
    `    baseUrl: ${llm.url}`,
    `    price: { input: 1, output: 2 }`,
    extra,
    'tests:',
  ];
  for (let i = 0; i < tests; i++) {
    lines.push(`  - id: t${i}`, `    vars: { n: ${i}, q: "hello ${i}" }`, '    assert:', `      - type: contains`, `        value: "hello ${i}"`);
  }
  return `${lines.filter(Boolean).join('\n')}\n`;
}

async function suiteFile(text: string, name = 'suite.yaml'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** What must be equal between two runs of the same outputs: everything but timing. */
function content(r: EvalResults): unknown {
  return r.tests.map((t) => ({ ...t, samples: t.samples.map((s) => ({ ...s, latencyMs: 0, ttftMs: 0, cached: false, cost: 0 })) }));
}

describe('suites', () => {
  test('a promptfoo config runs as is: string provider with config.apiBaseUrl, defaultTest, promptfoo assertion names', async () => {
    const file = await suiteFile(
      [
        'prompts: ["What is the capital of {{country}}?"]',
        'providers:',
        '  - id: openai:chat:gpt-4o-mini',
        `    config: { apiBaseUrl: "${llm.url}", temperature: 0 }`,
        'defaultTest:',
        '  assert: [{ type: icontains, value: paris }]',
        'tests:',
        '  - vars: { country: France }',
        '    assert: [{ type: contains-any, value: [Paris, Lyon] }, { type: not-contains, value: Berlin }, { type: javascript, value: "output.length < 100" }]',
        '  - vars: { country: Spain }',
        '    assert: [{ type: regex, value: "^Madrid" }]',
      ].join('\n'),
    );
    const suite = await loadSuite(file);
    expect(suite.providers[0]).toMatchObject({ type: 'openai', model: 'gpt-4o-mini', baseUrl: llm.url, params: { temperature: 0 } });
    const r = await runSuite(rt, suite);
    expect(r.tests.map((t) => t.status)).toEqual(['pass', 'fail']);
    expect(r.tests[1]?.samples[0]?.assertions.find((a) => !a.pass)?.message).toBe('expected to match ^Madrid');
    expect((llm.requests[0]?.body as { temperature: number }).temperature).toBe(0);
  });

  test.each([
    ['an unknown assertion type', 'tests:\n  - vars: {}\n    assert:\n      - type: containz\n', 8, /unknown assertion type/],
    ['a misspelt key', 'tests:\n  - vars: {}\n    asert: []\n', 7, /asert/],
    ['a YAML syntax error', 'tests:\n  - vars: {a: [1, 2}\n', 6, /invalid YAML/],
  ])('%s is reported on its line', async (_name, tests, line, message) => {
    const file = await suiteFile(`prompts: ["x"]\nproviders:\n  - id: openai:chat:m\n    baseUrl: ${llm.url}\n${tests}`);
    const error = await loadSuite(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const problem = (error as ConfigError).problems[0];
    expect(problem?.location.line).toBe(line);
    expect(problem?.message).toMatch(message);
  });

  test('duplicate ids name both lines; a missing environment variable names the provider', async () => {
    const dup = await suiteFile(`prompts: ["x"]\nproviders: [{ id: "openai:chat:m", baseUrl: "${llm.url}" }]\ntests:\n  - id: a\n  - id: a\n`);
    await expect(loadSuite(dup)).rejects.toThrow(/:5:?.*id "a" is also used on line 4/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the suite's own ${VAR} syntax, not a JS template
    const env = await suiteFile('prompts: ["x"]\nproviders:\n  - id: "openai:chat:m"\n    baseUrl: "${NO_SUCH_URL}/v1"\ntests: [{ id: a }]\n', 'env.yaml');
    await expect(loadSuite(env, { env: {} })).rejects.toThrow(/env\.yaml:3: providers\[0\]: environment variable NO_SUCH_URL is not set/);
  });

  test('API keys come from the environment and are masked before use', async () => {
    const masked: string[] = [];
    const file = await suiteFile(`prompts: ["x"]\nproviders: [{ id: "openai:chat:m", baseUrl: "${llm.url}", apiKeyEnv: MY_KEY }]\ntests: [{ id: a }]\n`);
    const suite = await loadSuite(file, { env: { MY_KEY: 'sk-test-123456789' }, setSecret: (v) => masked.push(v) });
    expect(masked).toEqual(['sk-test-123456789']);
    await runSuite(rt, suite);
    expect(llm.requests[0]?.headers.authorization).toBe('Bearer sk-test-123456789');
  });
});

describe('runner', () => {
  test('streams: time to first token, usage and cost from the price table; results in suite order', async () => {
    llm.setOptions({ ttftMs: 30, interChunkMs: 2 });
    const suite = await loadSuite(await suiteFile(suiteYaml(12)));
    const r = await runSuite(rt, suite, { concurrency: 4 });
    expect(r.tests.map((t) => t.id)).toEqual(Array.from({ length: 12 }, (_, i) => `t${i}`));
    expect(r.totals).toMatchObject({ tests: 12, passed: 12, passRate: 1 });
    const s = r.tests[0]?.samples[0];
    expect(s?.ttftMs).toBeGreaterThanOrEqual(25);
    expect(s?.latencyMs).toBeGreaterThan(s?.ttftMs ?? 0);
    expect(s?.completionTokens).toBeGreaterThan(0);
    expect(s?.cost).toBeCloseTo(((s?.promptTokens ?? 0) * 1 + (s?.completionTokens ?? 0) * 2) / 1e6, 12);
    expect((llm.requests[0]?.body as { stream: boolean }).stream).toBe(true);
  });

  test('retries honour Retry-After and every test still completes', async () => {
    llm.setOptions({ errorRate: 0.4, errorStatus: 429, retryAfter: 0, seed: 7 });
    const suite = await loadSuite(await suiteFile(suiteYaml(10)));
    const r = await runSuite(rt, suite, { concurrency: 2 });
    expect(r.totals.passed).toBe(10);
    expect(llm.requests.length).toBeGreaterThan(10);
  });

  test('a provider that keeps failing yields an error result, not a crash', async () => {
    llm.setOptions({ errorRate: 1, errorStatus: 400 });
    const suite = await loadSuite(await suiteFile(suiteYaml(2)));
    const r = await runSuite(rt, suite);
    expect(r.tests.map((t) => t.status)).toEqual(['error', 'error']);
    expect(r.tests[0]?.samples[0]?.error).toMatch(/answered 400/);
    expect(llm.requests.length).toBe(2); // a 400 is not retried
  });

  test('repeats, and a response cache replayed with --cache-only makes no call', async () => {
    const suite = await loadSuite(await suiteFile(suiteYaml(5)));
    const cacheDir = path.join(dir, 'cache');
    const first = await runSuite(rt, suite, { repeats: 3, cacheDir, cacheMode: 'use' });
    expect(first.tests.every((t) => t.samples.length === 3)).toBe(true);
    expect(llm.requests.length).toBe(15);
    llm.requests.length = 0;
    const replay = await runSuite(rt, suite, { repeats: 3, cacheDir, cacheMode: 'only' });
    expect(llm.requests.length).toBe(0);
    expect(replay.totals.cacheHits).toBe(15);
    expect(content(replay)).toEqual(content(first));
    const more = await runSuite(rt, suite, { repeats: 4, cacheDir, cacheMode: 'only' });
    expect(more.tests.every((t) => t.status !== 'skipped' && t.samples.length === 3)).toBe(true); // the 4th sample was never cached
  });

  test('--cache-only on an empty cache skips every test and says why', async () => {
    const suite = await loadSuite(await suiteFile(suiteYaml(3)));
    const r = await runSuite(rt, suite, { cacheDir: path.join(dir, 'empty'), cacheMode: 'only' });
    expect(r.tests.map((t) => [t.status, t.skipReason])).toEqual(Array(3).fill(['skipped', 'not in the cache (--cache-only)']));
    expect(llm.requests.length).toBe(0);
  });

  test('a cost budget stops the run cleanly, partial results marked as such', async () => {
    const suite = await loadSuite(await suiteFile(suiteYaml(40)));
    const r = await runSuite(rt, suite, { concurrency: 1, maxCost: 0.0001 });
    expect(r.partial).toBe(true);
    expect(r.partialReason).toMatch(/cost budget/);
    expect(r.totals.skipped).toBeGreaterThan(0);
    expect(r.totals.passed + r.totals.skipped).toBe(40);
    expect(r.totals.cost).toBeGreaterThanOrEqual(0.0001);
  });

  test('merged shards equal the unsharded run', async () => {
    const suite = await loadSuite(await suiteFile(suiteYaml(30)));
    const whole = await runSuite(rt, suite);
    const shards = await Promise.all([1, 2, 3].map((index) => runSuite(rt, suite, { shard: { index, count: 3 } })));
    expect(shards.reduce((n, s) => n + s.tests.length, 0)).toBe(30);
    expect(shards.every((s) => s.tests.length > 0)).toBe(true);
    const files = await Promise.all(
      shards.map(async (s, i) => {
        const f = path.join(dir, `shard-${i}.json`);
        await writeResults(f, s);
        return f;
      }),
    );
    const merged = mergeResults(await Promise.all(files.reverse().map((f) => readResults(f))));
    expect(content(merged)).toEqual(content(whole));
    expect({ ...merged.totals, durationMs: 0, latencyP50: 0, latencyP95: 0 }).toEqual({ ...whole.totals, durationMs: 0, latencyP50: 0, latencyP95: 0 });
  });

  test('the results file is one JSON document with the versioned schema', async () => {
    const suite = await loadSuite(await suiteFile(suiteYaml(3)));
    const f = path.join(dir, 'r.json');
    await writeResults(f, await runSuite(rt, suite));
    const parsed = JSON.parse(await readFile(f, 'utf8')) as EvalResults;
    expect(parsed.schema).toBe('slipway.eval.results/v1');
    expect(parsed.tests).toHaveLength(3);
  });
});

describe('baseline comparison', () => {
  test('identical outputs never trip the gate; a seeded regression does, and names the critical test', async () => {
    const file = await suiteFile(suiteYaml(40).replace('  - id: t0\n', '  - id: t0\n    tags: [critical]\n'));
    const suite = await loadSuite(file);
    const base = await runSuite(rt, suite);
    const same = await runSuite(rt, suite);
    const c1 = compareResults(base, same);
    expect(c1.verdict).toBe('pass');
    expect(c1.metrics.every((m) => m.p === 1)).toBe(true);
    expect(c1.counts.unchanged).toBe(40);

    // The head model refuses 12 of the 40 questions (0, 4, 8, 10, 14, …), t0 among them.
    llm.setOptions({ replies: (c) => (/Question (0|\d*[048]):/.test(c.lastUserMessage) ? 'I cannot help with that.' : `echo: ${c.lastUserMessage}`) });
    try {
      const head = await runSuite(rt, suite);
      const c2 = compareResults(base, head);
      expect(c2.verdict).toBe('fail');
      expect(c2.counts['newly-failing']).toBe(12);
      const rate = c2.metrics.find((m) => m.name === 'pass rate');
      expect(rate?.p).toBeCloseTo(0.00048828125, 12); // scipy binomtest(0, 12, 0.5).pvalue
      expect(c2.reasons).toContain('critical test "t0" newly fails');
      expect(c2.reasons.some((r) => r.startsWith('pass rate fell from 1 to 0.700'))).toBe(true);
    } finally {
      llm.setOptions({ replies: (c) => `echo: ${c.lastUserMessage}` });
    }
  });

  test('a pass-rate floor and a stale baseline', () => {
    const mk = (createdAt: string, passes: boolean[]): EvalResults =>
      ({
        schema: 'slipway.eval.results/v1',
        suite: { file: 's.yaml', description: '', tests: passes.length },
        createdAt,
        providers: ['p'],
        partial: false,
        totals: { passRate: passes.filter(Boolean).length / passes.length } as EvalResults['totals'],
        tests: passes.map((p, i) => ({
          index: i,
          id: `t${i}`,
          description: '',
          provider: 'p',
          tags: [],
          line: i + 1,
          vars: {},
          status: p ? 'pass' : 'fail',
          passRate: p ? 1 : 0,
          score: p ? 1 : 0,
          flaky: false,
          metrics: {},
          samples: [],
        })),
      }) as EvalResults;
    const base = mk('2026-01-01T00:00:00Z', [true, true, false, false]);
    const head = mk('2026-02-01T00:00:00Z', [true, true, false, false]);
    const c = compareResults(base, head, { passRateFloor: 0.6, now: new Date('2026-02-01T00:00:00Z') });
    expect(c.verdict).toBe('fail');
    expect(c.reasons).toEqual(['pass rate 0.500 is below the floor of 0.600']);
    expect(c.baseline.stale).toBe(true);
    expect(c.warnings[0]).toMatch(/baseline is 31 days old/);
  });
});
