import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AssertionResult, loadSuite, resolveProvider, runAssertion, runSuite, type TestCase } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { embedText, type LlmServer, startLlmServer } from '../../helpers/llm-server.js';

const test0: TestCase = {
  index: 0,
  id: 't',
  description: 't',
  promptId: 'p',
  vars: { name: 'Ada' },
  expected: 'The refund was issued today.',
  tags: [],
  assert: [],
  repeat: 1,
  line: 1,
};
const response = (output: string, extra: Partial<{ latencyMs: number; cost: number; completionTokens: number; ttftMs: number }> = {}) => ({
  output,
  latencyMs: 120,
  promptTokens: 10,
  completionTokens: 20,
  cost: 0.002,
  ...extra,
});
const check = (type: string, output: string, value?: unknown, extra: { threshold?: number } = {}): Promise<AssertionResult> =>
  runAssertion({ type, ...(value !== undefined ? { value } : {}), ...extra }, response(output), test0, {});

describe('deterministic assertions', () => {
  test.each<[string, string, unknown, boolean, { threshold?: number }?]>([
    ['equals', 'Hello Ada', 'Hello {{name}}', true],
    ['equals', 'Hello Ada ', 'Hello Ada', false],
    ['equals', 'here: {"a": [1, 2]}', { a: [1, 2] }, true],
    ['contains', 'Your order shipped', 'shipped', true],
    ['contains', 'Your order SHIPPED', 'shipped', false],
    ['icontains', 'Your order SHIPPED', 'shipped', true],
    ['contains-any', 'we ship by UPS', ['DHL', 'UPS'], true],
    ['contains-all', 'we ship by UPS', ['UPS', 'DHL'], false],
    ['icontains-all', 'ups and dhl', 'UPS, DHL', true],
    ['regex', 'order #12345', '#\\d{5}$', true],
    ['regex', 'ORDER', '/order/i', true],
    ['starts-with', 'Sure! Here it is', 'Sure', true],
    ['is-json', '{"ok": true}', undefined, true],
    ['is-json', 'ok: true', undefined, false],
    ['is-json', '{"ok": 1}', { type: 'object', properties: { ok: { type: 'boolean' } } }, false],
    ['contains-json', 'Result: {"n": 3} done', undefined, true],
    ['json-schema', '{"name": "Ada", "age": 36}', { type: 'object', required: ['name', 'age'], properties: { age: { type: 'integer', minimum: 0 } } }, true],
    ['json-schema', '{"name": "Ada"}', { type: 'object', required: ['name', 'age'] }, false],
    ['javascript', 'abcdef', 'output.length === 6 && context.vars.name === "Ada"', true],
    ['javascript', 'abc', 'return { pass: false, score: 0.25, reason: "too short" }', false],
    ['latency', 'x', undefined, true, { threshold: 200 }],
    ['latency', 'x', undefined, false, { threshold: 100 }],
    ['cost', 'x', undefined, false, { threshold: 0.001 }],
    ['tokens', 'x', undefined, true, { threshold: 20 }],
    ['levenshtein', 'The refund was issued today!', undefined, true, { threshold: 2 }],
    ['levenshtein', 'kitten', 'sitting', false, { threshold: 2 }],
    ['bleu', 'The refund was issued today.', undefined, true],
    ['rouge-1', 'refund issued today', undefined, true, { threshold: 0.6 }],
    ['rouge-l', 'nothing in common', undefined, false],
    ['chrf', 'The refund was issued today.', undefined, true],
    ['is-refusal', "I'm sorry, but I can't help with that.", undefined, true],
    ['is-refusal', 'Your refund was issued.', undefined, false],
    ['not-is-refusal', 'Your refund was issued.', undefined, true],
    ['no-secrets', 'use key AKIAIOSFODNN7EXAMPLE', undefined, false],
    ['no-secrets', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789', undefined, false],
    ['no-secrets', 'nothing to see', undefined, true],
    ['no-pii', 'write to jane.doe@example.com', undefined, false],
    ['no-pii', 'card 4111 1111 1111 1111', undefined, false],
    ['no-pii', 'order 1234 5678 9012 3456', undefined, true],
    ['no-pii', 'SSN 123-45-6789', undefined, false],
    ['not-contains', 'all good', 'error', true],
  ])('%s on %j with %j -> %s', async (type, output, value, pass, extra = {}) => {
    const r = await check(type, output, value, extra);
    expect(r.pass).toBe(pass);
    if (!pass) expect(r.message).not.toBe('');
  });

  test('a broken JavaScript check fails with its reason instead of crashing the run', async () => {
    const r = await check('javascript', 'x', 'output.nope.deeper');
    expect(r).toMatchObject({ pass: false, score: 0 });
    expect(r.message).toMatch(/javascript could not run: .*undefined/);
  });

  test('weights and metric names are carried', async () => {
    const r = await runAssertion({ type: 'rouge-l', weight: 3, metric: 'overlap' }, response('The refund was issued today.'), test0, {});
    expect(r).toMatchObject({ weight: 3, metric: 'overlap', score: 1, pass: true });
  });
});

describe('model-graded assertions against the scripted server', () => {
  let llm: LlmServer;
  let dir: string;
  beforeAll(async () => {
    llm = await startLlmServer({
      replies: (c) => {
        if (c.lastUserMessage.includes('<rubric>'))
          return c.lastUserMessage.includes('polite')
            ? '{"pass": true, "score": 0.9, "reason": "polite and correct"}'
            : '{"pass": false, "score": 0.1, "reason": "rude"}';
        return 'Thank you for asking, the refund was issued.';
      },
    });
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-judge-'));
  });
  afterAll(async () => {
    await llm.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('llm-rubric asks the judge k times and takes the majority; verdicts are cached apart from answers', async () => {
    const file = path.join(dir, 's.yaml');
    await writeFile(
      file,
      `prompts: ["{{q}}"]\nproviders: [{ id: "openai:chat:app", baseUrl: "${llm.url}", stream: false }]\ntests:\n  - id: a\n    vars: { q: refund? }\n    assert: [{ type: llm-rubric, value: "Is the answer polite?", votes: 3 }]\n  - id: b\n    vars: { q: refund? }\n    assert: [{ type: llm-rubric, value: "Is it short?" }]\n`,
    );
    const suite = await loadSuite(file);
    const judge = resolveProvider({ id: 'openai:chat:judge', baseUrl: llm.url, stream: false }, {});
    const rt = createTerminalRuntime({ quiet: true });
    const cacheDir = path.join(dir, 'cache');
    const r = await runSuite(rt, suite, { judge, cacheDir, cacheMode: 'use' });
    expect(r.tests.map((t) => t.status)).toEqual(['pass', 'fail']);
    expect(r.tests[0]?.samples[0]?.assertions[0]?.message).toBe('judge 3/3 pass: polite and correct');
    const judgeCalls = llm.requests.filter((q) => (q.body as { model: string }).model === 'judge').length;
    expect(judgeCalls).toBe(4);
    llm.requests.length = 0;
    const again = await runSuite(rt, suite, { judge, cacheDir, cacheMode: 'only' });
    expect(again.tests.map((t) => t.status)).toEqual(['pass', 'fail']);
    expect(llm.requests).toHaveLength(0);
  });

  test('similar uses the embeddings endpoint and cosine similarity', async () => {
    const embed = resolveProvider({ id: 'openai:chat:text-embedding-3-small', baseUrl: llm.url }, {});
    const { createProvider } = await import('@slipway/eval');
    const p = createProvider(embed);
    const services = { embed: (texts: string[]) => p.embed(texts) };
    const same = await runAssertion({ type: 'similar', value: 'refund issued' }, response('refund issued'), test0, services);
    expect(same).toMatchObject({ pass: true });
    expect(same.score).toBeCloseTo(1, 9);
    const other = await runAssertion({ type: 'similar', value: 'store hours', threshold: 0.99 }, response('refund issued'), test0, services);
    const a = embedText('refund issued', 16);
    const b = embedText('store hours', 16);
    expect(other.score).toBeCloseTo(
      a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0),
      9,
    );
    expect(other.pass).toBe(false);
  });
});
