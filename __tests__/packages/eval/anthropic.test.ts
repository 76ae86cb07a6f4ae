import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EvalResults, loadSuite, runSuite, type SampleResult } from '@slipway/eval';
import { createTerminalRuntime } from '@slipway/kit';
import { type AnthropicServer, startAnthropicServer } from '../../helpers/anthropic-server.js';
import { countTokens } from '../../helpers/llm-server.js';

// The Anthropic Messages provider against a local scripted server that speaks Anthropic's wire
// format: JSON answers, server-sent events with usage and time to first token, errors inside a
// 200 stream, cut streams and Retry-After.

const rt = createTerminalRuntime({ quiet: true });
let server: AnthropicServer;
let dir: string;
beforeAll(async () => {
  server = await startAnthropicServer({ apiKey: 'sk-ant-test-key' });
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-anthropic-'));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
  server.setOptions({ latencyMs: 0, ttftMs: 0, interChunkMs: 0, failNext: undefined, breakStream: undefined, replies: (c) => `Sure: ${c.lastUserMessage}` });
});

async function suite(provider: string, asserts = '[{ type: contains, value: "Sure: refund 7" }]'): Promise<string> {
  const file = path.join(dir, `s-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(
    file,
    [
      'prompts:',
      '  - id: p',
      '    messages:',
      '      - { role: system, content: "You are terse." }',
      '      - { role: user, content: "refund {{n}}" }',
      'providers:',
      `  - ${provider}`,
      'tests:',
      '  - id: t1',
      '    vars: { n: 7 }',
      `    assert: ${asserts}`,
    ].join('\n'),
  );
  return file;
}

const env = { ANTHROPIC_API_KEY: 'sk-ant-test-key' };
/** The one sample of a one-test run. */
function only(r: EvalResults): SampleResult {
  const sample = r.tests[0]?.samples[0];
  if (!sample) throw new Error('the run has no sample');
  return sample;
}
const provider = (extra: string) =>
  `{ id: claude, type: anthropic, model: claude-test, baseUrl: "${server.url}", price: { input: 3, output: 15 }, retries: 2${extra} }`;

test('JSON answers: system prompt at the top level, key and version headers, usage and cost', async () => {
  const r = await runSuite(rt, await loadSuite(await suite(provider(', stream: false')), { env }));
  const sample = only(r);
  expect(r.tests[0]?.status).toBe('pass');
  expect(sample.output).toBe('Sure: refund 7');
  expect(sample.ttftMs).toBeUndefined();
  const req = server.requests[0];
  expect(req?.headers['x-api-key']).toBe('sk-ant-test-key');
  expect(req?.headers['anthropic-version']).toBe('2023-06-01');
  expect(req?.body).toMatchObject({ model: 'claude-test', system: 'You are terse.', messages: [{ role: 'user', content: 'refund 7' }], max_tokens: 1024 });
  expect(req?.body.stream).toBeUndefined();
  expect(sample.promptTokens).toBe(countTokens('You are terse.') + countTokens('refund 7'));
  expect(sample.completionTokens).toBe(countTokens('Sure: refund 7'));
  expect(sample.cost).toBeCloseTo((sample.promptTokens * 3 + sample.completionTokens * 15) / 1e6, 12);
});

test('streaming: text deltas assembled, time to first token measured, usage from message_start and message_delta', async () => {
  server.setOptions({ ttftMs: 120, interChunkMs: 15, replies: () => 'Sure: refund 7 is on its way to you today' });
  const r = await runSuite(
    rt,
    await loadSuite(await suite(provider(''), '[{ type: contains, value: "on its way" }, { type: ttft, threshold: 5000 }]'), { env }),
  );
  const sample = only(r);
  expect(server.requests[0]?.body.stream).toBe(true);
  expect(r.tests[0]?.status).toBe('pass');
  expect(sample.output).toBe('Sure: refund 7 is on its way to you today');
  expect(sample.ttftMs).toBeGreaterThanOrEqual(115);
  // The rest of the answer came after the first token.
  expect(sample.latencyMs - (sample.ttftMs ?? Number.NaN)).toBeGreaterThanOrEqual(15);
  expect(sample.completionTokens).toBe(countTokens('Sure: refund 7 is on its way to you today'));
  expect(sample.promptTokens).toBe(countTokens('You are terse.') + countTokens('refund 7'));
  expect(sample.cost).toBeCloseTo((sample.promptTokens * 3 + sample.completionTokens * 15) / 1e6, 12);
});

test('an error event inside a 200 stream is retried (overloaded_error is retryable) and the retry answers', async () => {
  server.setOptions({ breakStream: { afterDeltas: 2, mode: 'error-event' } });
  let calls = 0;
  server.setOptions({
    replies: (c) => {
      calls++;
      if (calls === 2) server.setOptions({ breakStream: undefined });
      return `Sure: ${c.lastUserMessage} and more words here`;
    },
  });
  const r = await runSuite(rt, await loadSuite(await suite(provider('')), { env }));
  expect(server.requests).toHaveLength(2);
  expect(r.tests[0]?.status).toBe('pass');
  expect(r.tests[0]?.samples[0]?.output).toBe('Sure: refund 7 and more words here');
});

test('errors that stay: the stream error names its type; a stream cut before message_stop is an error, not a short answer', async () => {
  server.setOptions({ breakStream: { afterDeltas: 1, mode: 'error-event' } });
  const r = await runSuite(rt, await loadSuite(await suite(provider('').replace('retries: 2', 'retries: 0')), { env }));
  expect(r.tests[0]?.status).toBe('error');
  expect(r.tests[0]?.samples[0]?.error).toBe('stream error: overloaded_error: Overloaded');

  server.setOptions({ breakStream: { afterDeltas: 1, mode: 'cut' } });
  const cut = await runSuite(rt, await loadSuite(await suite(provider('').replace('retries: 2', 'retries: 1')), { env }));
  expect(server.requests.length).toBe(1 + 2);
  expect(cut.tests[0]?.status).toBe('error');
  expect(cut.tests[0]?.samples[0]?.error).toMatch(/stream (ended before message_stop|broke)/);
});

test('429 with Retry-After is honoured; a 401 is not retried and says why', async () => {
  server.setOptions({ failNext: { count: 1, status: 429, retryAfter: '0.3' } });
  const started = performance.now();
  const r = await runSuite(rt, await loadSuite(await suite(provider('')), { env }));
  expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  expect(r.tests[0]?.status).toBe('pass');
  expect(server.requests).toHaveLength(2);

  server.requests.length = 0;
  const denied = await runSuite(rt, await loadSuite(await suite(provider('')), { env: { ANTHROPIC_API_KEY: 'wrong' } }));
  expect(server.requests).toHaveLength(0); // rejected before the body was recorded: the key is checked first
  expect(denied.tests[0]?.samples[0]?.error).toBe('/v1/messages answered 401: invalid x-api-key');
});

test('a promptfoo-style anthropic:messages:<model> provider id resolves to the Messages API', async () => {
  const file = await suite(`{ id: "anthropic:messages:claude-test", config: { apiBaseUrl: "${server.url}" } }`);
  const s = await loadSuite(file, { env });
  expect(s.providers[0]).toMatchObject({ type: 'anthropic', model: 'claude-test', stream: false });
  const r = await runSuite(rt, s);
  expect(r.tests[0]?.status).toBe('pass');
});
