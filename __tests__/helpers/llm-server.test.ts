/** Tests for the scripted OpenAI-compatible server, spoken to with plain fetch as a real client would. */
import { countTokens, embedText, type LlmServer, startLlmServer, tokenize } from './llm-server.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests poke into arbitrary response JSON.
type Json = Record<string, any>;

let llm: LlmServer;
afterEach(async () => {
  await llm?.stop();
});

const chat = (content: string, extra: Json = {}) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${llm.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Reads an SSE body to its end (or until the connection drops) and returns the `data:` payloads. */
async function readSse(res: Response): Promise<{ data: string[]; error: unknown }> {
  if (!res.body) throw new Error('no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let error: unknown;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch (caught) {
    error = caught;
  }
  const data = text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
  return { data, error };
}

const parsed = (data: string[]): Json[] => data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as Json);

describe('tokenizer', () => {
  it('splits on whitespace and punctuation', () => {
    expect(tokenize("Hello, world! It's 42.")).toEqual(['Hello', ',', 'world', '!', 'It', "'", 's', '42', '.']);
    expect(countTokens('  ')).toBe(0);
  });
});

describe('chat completions', () => {
  it('answers non-streaming requests with an echo and usage', async () => {
    llm = await startLlmServer();
    const res = await post('/chat/completions', {
      model: 'my-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi there' }] },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ object: 'chat.completion', model: 'my-model' });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.choices[0]).toMatchObject({ index: 0, message: { role: 'assistant', content: 'echo: Hi there' }, finish_reason: 'stop' });
    // "Be brief." = 3 tokens, "Hi there" = 2; "echo: Hi there" = 4.
    expect(body.usage).toEqual({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
  });

  it('streams chunks that reassemble into the reply, then a usage chunk and [DONE]', async () => {
    llm = await startLlmServer({ replies: ['The quick, brown fox.'] });
    const res = await post('/chat/completions', chat('go', { stream: true, stream_options: { include_usage: true } }));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { data, error } = await readSse(res);
    expect(error).toBeUndefined();
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = parsed(data);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0].delta.role).toBe('assistant');
    const withChoices = chunks.filter((c) => c.choices.length > 0);
    expect(withChoices.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('The quick, brown fox.');
    expect(withChoices.length).toBeGreaterThan(3);
    expect(withChoices.at(-1)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 6, total_tokens: 7 } });
  });

  it('sends no usage chunk unless asked, and honours max_tokens', async () => {
    llm = await startLlmServer({ replies: () => 'one two three four' });
    const { data } = await readSse(await post('/chat/completions', chat('x', { stream: true })));
    expect(parsed(data).every((c) => c.choices.length === 1 && c.usage === undefined)).toBe(true);
    const body = (await (await post('/chat/completions', chat('x', { max_tokens: 2 }))).json()) as Json;
    expect(body.choices[0]).toMatchObject({ message: { content: 'one two' }, finish_reason: 'length' });
    expect(body.usage.completion_tokens).toBe(2);
  });

  it('plays scripted replies from a map, a list and a function', async () => {
    llm = await startLlmServer({
      replies: new Map<string | RegExp, string>([
        ['ping', 'pong'],
        [/weather/i, 'sunny'],
      ]),
    });
    const reply = async (content: string) => ((await (await post('/chat/completions', chat(content))).json()) as Json).choices[0].message.content;
    expect(await reply('ping')).toBe('pong');
    expect(await reply('What is the WEATHER?')).toBe('sunny');
    expect(await reply('other')).toBe('echo: other');
    llm.setOptions({ replies: ['first', 'second'] });
    expect([await reply('a'), await reply('b'), await reply('c')]).toEqual(['first', 'second', 'echo: c']);
    llm.setOptions({ replies: ({ lastUserMessage, index, body }) => `${index}:${lastUserMessage.toUpperCase()}:${String(body.model)}` });
    expect(await reply('hey')).toBe('6:HEY:gpt-4o-mini');
    llm.setOptions({ replies: undefined });
    expect(await reply('back')).toBe('echo: back');
  });

  it('rejects malformed JSON and missing messages with 400 and unknown paths with 404', async () => {
    llm = await startLlmServer();
    const bad = await post('/chat/completions', '{"model": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/parse the JSON/) });
    const missing = await post('/chat/completions', { model: 'm' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Json).error).toMatchObject({ param: 'messages' });
    const unknown = await fetch(`${llm.url}/nope`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Json).error.type).toBe('invalid_request_error');
  });
});

describe('other endpoints', () => {
  it('serves legacy completions, streaming and not', async () => {
    llm = await startLlmServer();
    const body = (await (await post('/completions', { model: 'm', prompt: 'say hi' })).json()) as Json;
    expect(body).toMatchObject({ object: 'text_completion', choices: [{ text: 'echo: say hi', finish_reason: 'stop' }], usage: { prompt_tokens: 2 } });
    const { data } = await readSse(await post('/completions', { model: 'm', prompt: 'say hi', stream: true }));
    expect(data.at(-1)).toBe('[DONE]');
    expect(
      parsed(data)
        .map((c) => c.choices[0].text)
        .join(''),
    ).toBe('echo: say hi');
  });

  it('returns deterministic, normalised embeddings for a string or a list', async () => {
    llm = await startLlmServer({ embeddingDimensions: 12 });
    const one = (await (await post('/embeddings', { model: 'e', input: 'hello world' })).json()) as Json;
    expect(one).toMatchObject({ object: 'list', model: 'e', usage: { prompt_tokens: 2, total_tokens: 2 } });
    const vector = one.data[0].embedding as number[];
    expect(vector).toHaveLength(12);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    expect(vector).toEqual(embedText('hello world', 12));
    const many = (await (await post('/embeddings', { model: 'e', input: ['hello world', 'bye'], dimensions: 5 })).json()) as Json;
    expect(many.data.map((d: Json) => d.index)).toEqual([0, 1]);
    expect(many.data[0].embedding).toEqual(embedText('hello world', 5));
    expect(many.data[1].embedding).not.toEqual(many.data[0].embedding);
    const b64 = (await (await post('/embeddings', { input: 'bye', dimensions: 5, encoding_format: 'base64' })).json()) as Json;
    // Copy into a fresh buffer: Buffer.from may hand back a slice of a shared, unaligned pool.
    const floats = new Float32Array(Uint8Array.from(Buffer.from(b64.data[0].embedding as string, 'base64')).buffer);
    expect(Array.from(floats)).toEqual(Array.from(new Float32Array(embedText('bye', 5))));
  });

  it('lists the configured models', async () => {
    llm = await startLlmServer({ models: ['alpha', 'beta'] });
    const list = (await (await fetch(`${llm.url}/models`)).json()) as Json;
    expect(list.object).toBe('list');
    expect(list.data.map((m: Json) => m.id)).toEqual(['alpha', 'beta']);
    expect((await fetch(`${llm.url}/models/beta`)).status).toBe(200);
    expect((await fetch(`${llm.url}/models/gamma`)).status).toBe(404);
  });
});

describe('knobs', () => {
  it('injects 500s with OpenAI error JSON at errorRate 1, and a seeded pattern at 0.5', async () => {
    llm = await startLlmServer({ errorRate: 1 });
    const res = await post('/chat/completions', chat('x'));
    expect(res.status).toBe(500);
    expect(((await res.json()) as Json).error).toMatchObject({ type: 'server_error', message: expect.any(String) });
    const pattern = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await post('/chat/completions', chat('x'))).status);
      return statuses;
    };
    llm.setOptions({ errorRate: 0.5, seed: 7 });
    const first = await pattern();
    llm.setOptions({ seed: 7 });
    expect(await pattern()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('sends 429 with Retry-After', async () => {
    llm = await startLlmServer({ errorRate: 1, errorStatus: 429, retryAfter: 7 });
    const res = await post('/chat/completions', chat('x'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as Json).error.code).toBe('rate_limit_exceeded');
  });

  it('delays responses by latencyMs, and streams by ttftMs and interChunkMs', async () => {
    llm = await startLlmServer({ latencyMs: 250 });
    let started = performance.now();
    await (await fetch(`${llm.url}/models`)).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    llm.setOptions({ latencyMs: 0, ttftMs: 150, interChunkMs: 40, replies: ['a b c'] });
    started = performance.now();
    const res = await post('/chat/completions', chat('x', { stream: true }));
    const headersAfter = performance.now() - started;
    await readSse(res);
    // Chunks: role, "a", " b", " c", finish → 4 gaps of 40 ms after the 150 ms before the first.
    expect(headersAfter).toBeLessThan(140);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150 + 4 * 40 - 15);
  });

  it('cuts a stream mid-way without [DONE], or ends it with an error event', async () => {
    llm = await startLlmServer({ replies: ['one two three four five'], failMidStream: 2 });
    const cut = await readSse(await post('/chat/completions', chat('x', { stream: true })));
    expect(cut.data).toHaveLength(2);
    expect(cut.data).not.toContain('[DONE]');
    expect(cut.error).toBeDefined(); // fetch reports the dropped connection as an error.
    llm.setOptions({ failMidStream: { afterChunks: 3, mode: 'error-event' } });
    const errored = await readSse(await post('/chat/completions', chat('x', { stream: true })));
    expect(errored.error).toBeUndefined();
    expect(errored.data).toHaveLength(4);
    expect(errored.data).not.toContain('[DONE]');
    expect(parsed(errored.data).at(-1)?.error).toMatchObject({ type: 'server_error' });
    llm.setOptions({ failMidStream: { afterChunks: 1, mode: 'end' } });
    const ended = await readSse(await post('/chat/completions', chat('x', { stream: true })));
    expect([ended.data.length, ended.error]).toEqual([1, undefined]);
    llm.setOptions({ failMidStream: undefined });
    expect((await readSse(await post('/chat/completions', chat('x', { stream: true })))).data.at(-1)).toBe('[DONE]');
  });

  it('requires the API key when asked to', async () => {
    llm = await startLlmServer({ requireApiKey: 'sk-test' });
    const denied = await post('/chat/completions', chat('x'));
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as Json).error.code).toBe('invalid_api_key');
    expect((await post('/chat/completions', chat('x'), { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('/chat/completions', chat('x'), { authorization: 'Bearer sk-test' })).status).toBe(200);
  });

  it('records every request, including bad ones', async () => {
    llm = await startLlmServer();
    await post('/chat/completions', chat('hello'), { 'x-trace': 'abc' });
    await post('/chat/completions', 'not json');
    await fetch(`${llm.url}/models`);
    expect(llm.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/chat/completions', 'POST /v1/chat/completions', 'GET /v1/models']);
    expect(llm.requests[0]?.headers['x-trace']).toBe('abc');
    expect(llm.requests[0]?.body).toEqual(chat('hello'));
    expect(llm.requests[1]).toMatchObject({ body: undefined, rawBody: 'not json' });
  });

  it('stops idempotently and refuses connections afterwards', async () => {
    llm = await startLlmServer({ latencyMs: 5_000 });
    const pending = fetch(`${llm.url}/models`).then(
      (res) => res.status,
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([llm.stop(), llm.stop()]);
    expect(await pending).toBe('dropped');
    await expect(fetch(`${llm.url}/models`)).rejects.toThrow();
  });
});
