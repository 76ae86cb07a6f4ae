import http from 'node:http';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { type Harness, startTestGateway } from './gateway-harness.js';

const LONG = 'one two three four five six seven eight nine ten eleven twelve';

/** Streams a chat completion with node:http and notes when each piece arrived, to prove nothing is buffered. */
function streamChat(
  url: string,
  body: Record<string, unknown> = {},
): Promise<{ status: number; text: string; arrivals: number[]; aborted: boolean; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const payload = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }], ...body });
    const req = http.request(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-user-id': 'streamer' } }, (res) => {
      let text = '';
      const arrivals: number[] = [];
      let aborted = false;
      res.on('data', (c: Buffer) => {
        text += c.toString();
        arrivals.push(performance.now() - started);
      });
      res.on('error', () => {
        aborted = true;
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, text, arrivals, aborted: aborted || !res.complete, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function content(sse: string): string {
  return sse
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => (JSON.parse(l.slice(6)) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? '')
    .join('');
}

describe('streaming pass-through', () => {
  let llm: LlmServer;
  let h: Harness;
  beforeAll(async () => {
    llm = await startLlmServer({ replies: () => LONG });
    h = await startTestGateway({ backends: { stable: { url: llm.url } }, routes: [{ name: 'bot', weights: { stable: 10_000 } }] });
  });
  afterEach(() => llm.setOptions({ failMidStream: undefined, ttftMs: 0, interChunkMs: 0 }));
  afterAll(async () => {
    await h.gw.stop();
    await llm.stop();
  });

  test('chunks reach the client as the backend sends them, never buffered', async () => {
    llm.setOptions({ ttftMs: 60, interChunkMs: 40 });
    const r = await streamChat(h.gw.url, { stream_options: { include_usage: true } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/event-stream/);
    expect(content(r.text)).toBe(LONG);
    expect(r.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    // 12 words at 40 ms apart: the first piece must arrive long before the last.
    expect(r.arrivals.length).toBeGreaterThan(5);
    expect((r.arrivals.at(-1) as number) - (r.arrivals[0] as number)).toBeGreaterThan(300);
    const sample = h.gw.stats.report(60_000).variants.stable?.recent[0];
    expect(sample).toMatchObject({ ok: true, stream: true, outputTokens: 12 });
    expect(sample?.ttftMs).toBeGreaterThanOrEqual(55);
    expect(sample?.ttftMs).toBeLessThan(sample?.latencyMs as number);
    // 11 tokens after the first, 40 ms apart: about 25 tokens a second.
    const tps = h.gw.stats.report(60_000).variants.stable?.outputTokensPerSecond;
    expect(tps?.p50).toBeGreaterThan(10);
    expect(tps?.p50).toBeLessThan(30);
  });

  test('without usage in the stream, output tokens are counted from the chunks', async () => {
    const r = await streamChat(h.gw.url);
    expect(content(r.text)).toBe(LONG);
    expect(h.gw.stats.report(60_000).variants.stable?.recent[0]).toMatchObject({ ok: true, outputTokens: 12 });
  });

  test.each([
    ['an error event inside a 200 stream', { afterChunks: 3, mode: 'error-event' as const }, 'stream_error', false],
    ['a clean end before [DONE]', { afterChunks: 3, mode: 'end' as const }, 'stream_cut', false],
    ['a cut connection', { afterChunks: 3, mode: 'cut' as const }, 'stream_cut', true],
  ])('%s is passed on and counted as an error', async (_name, fail, errorClass, clientAborted) => {
    llm.setOptions({ failMidStream: fail });
    const r = await streamChat(h.gw.url);
    expect(r.status).toBe(200);
    expect(r.text).not.toContain('[DONE]');
    expect(r.aborted).toBe(clientAborted);
    if (fail.mode === 'error-event') expect(r.text).toContain('"error"');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.gw.stats.report(60_000).variants.stable?.recent[0]).toMatchObject({ ok: false, error: errorClass, status: 200 });
  });

  test('500 concurrent streams all complete', async () => {
    // Every stream waits 200 ms for its first token, so all 500 are open at once.
    llm.setOptions({ ttftMs: 200, interChunkMs: 0 });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 500 }, () => streamChat(h.gw.url)));
    // One after another they would take 100 s; side by side, a few seconds.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(results.filter((r) => r.status === 200 && content(r.text) === LONG && r.text.includes('[DONE]')).length).toBe(500);
  });
});
