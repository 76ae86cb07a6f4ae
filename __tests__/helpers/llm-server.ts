/**
 * A scripted, in-process OpenAI-compatible server for tests: chat completions (JSON and SSE),
 * legacy completions, embeddings and models, with knobs for latency, streaming timing, injected
 * errors, rate limits, broken streams, auth and scripted replies. Pure node:http, no child process.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { contentText, countTokens, embedText, pickReply, type ReplyScript, seededRandom, streamPieces, truncateTokens } from './services/llm-fakes.js';

export { countTokens, embedText, type ReplyContext, type ReplyScript, tokenize } from './services/llm-fakes.js';

/** How a stream breaks: after `afterChunks` `data:` events, 'cut' the socket (default), 'end' cleanly without [DONE], or send an 'error-event'. */
export type FailMidStream = number | { afterChunks: number; mode?: 'cut' | 'end' | 'error-event' };

/** Every knob; all can be passed at start and changed later with setOptions. */
export interface LlmServerOptions {
  /** Delay before anything (headers included) is sent, for every request. */
  latencyMs?: number;
  /** Streaming: delay between the headers and the first chunk. */
  ttftMs?: number;
  /** Streaming: delay between consecutive chunks. */
  interChunkMs?: number;
  /** Probability (0..1) that an API request fails with `errorStatus`; drawn from a PRNG seeded by `seed`. */
  errorRate?: number;
  /** Status of injected errors (default 500; 429 adds Retry-After when `retryAfter` is set). */
  errorStatus?: number;
  /** Retry-After value (seconds, or any header string) sent with 429 responses. */
  retryAfter?: number | string | undefined;
  /** PRNG seed for errorRate (default 1). Setting it again restarts the sequence. */
  seed?: number;
  replies?: ReplyScript | undefined;
  failMidStream?: FailMidStream | undefined;
  /** Ids listed by GET /v1/models (any model is accepted by the other endpoints). */
  models?: string[];
  /** Default embedding size when the request has no `dimensions` (default 16). */
  embeddingDimensions?: number;
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  requireApiKey?: string | undefined;
}

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when empty or malformed (see rawBody). */
  body: unknown;
  rawBody: string;
}

export interface LlmServer {
  /** Base URL including /v1, e.g. http://127.0.0.1:PORT/v1 — what OpenAI clients call baseURL. */
  url: string;
  port: number;
  /** Every request received, oldest first, including rejected ones. Clear with `requests.length = 0`. */
  requests: RecordedRequest[];
  /** Changes knobs for subsequent requests; a new `replies` restarts its list, a new `seed` the error sequence. */
  setOptions(options: Partial<LlmServerOptions>): void;
  /** Closes the server, dropping in-flight requests; idempotent. */
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;
const ROUTES: Record<string, 'models' | 'chat' | 'completions' | 'embeddings'> = {
  'GET /v1/models': 'models',
  'POST /v1/chat/completions': 'chat',
  'POST /v1/completions': 'completions',
  'POST /v1/embeddings': 'embeddings',
};
type Incoming = { method: string; path: string; headers: IncomingHttpHeaders; body: unknown; malformed: boolean };
type Send = (status: number, payload: unknown, headers?: Record<string, string>) => void;

const ERROR_TYPES: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  404: ['invalid_request_error', 'not_found'],
  429: ['requests', 'rate_limit_exceeded'],
};

/** OpenAI's error envelope. */
function errorBody(status: number, message: string, param: string | null = null): Json {
  const [type, code] = ERROR_TYPES[status] ?? ['server_error', null];
  return { error: { message, type, param, code } };
}

/**
 * Starts the server on a free loopback port. Use as
 * `const llm = await startLlmServer({ replies: ['hi'] }); try { … } finally { await llm.stop(); }`.
 */
export async function startLlmServer(initial: LlmServerOptions = {}): Promise<LlmServer> {
  const options: LlmServerOptions = { ...initial };
  const requests: RecordedRequest[] = [];
  let random = seededRandom(options.seed ?? 1);
  const cursor = { next: 0 };
  let answered = 0;
  let sequence = 0;
  // Aborted by stop(), so no timer of an in-flight request outlives the server.
  const shutdown = new AbortController();
  const pause = (ms: number | undefined): Promise<unknown> => (ms && ms > 0 ? sleep(ms, undefined, { signal: shutdown.signal }) : Promise.resolve());

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
      let body: unknown;
      let malformed = false;
      try {
        body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
      } catch {
        malformed = true;
      }
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, rawBody });
      const send: Send = (status, payload, headers = {}) => {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      route({ method: req.method ?? 'GET', path, headers: req.headers, body, malformed }, send, res).catch((error: unknown) => {
        // An aborted pause (stop()) just drops the connection; anything else is a bug here, so say so.
        if (shutdown.signal.aborted || res.headersSent) res.destroy();
        else send(500, errorBody(500, `llm-server failed: ${error instanceof Error ? error.message : String(error)}`));
      });
    });
  });

  async function route(incoming: Incoming, send: Send, res: ServerResponse): Promise<void> {
    const { method, path, headers, body, malformed } = incoming;
    await pause(options.latencyMs);
    if (options.requireApiKey !== undefined && headers.authorization !== `Bearer ${options.requireApiKey}`) {
      return send(401, errorBody(401, 'Incorrect API key provided.'));
    }
    const models = options.models ?? ['gpt-4o-mini', 'text-embedding-3-small'];
    const endpoint = ROUTES[`${method} ${path}`] ?? (method === 'GET' && path.startsWith('/v1/models/') ? 'model' : undefined);
    if (endpoint === undefined) return send(404, errorBody(404, `Unknown request URL: ${method} ${path}`));
    const json = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Json;
    if (method === 'POST') {
      if (malformed || json !== body) return send(400, errorBody(400, 'We could not parse the JSON body of your request.'));
      const required = endpoint === 'chat' ? 'messages' : endpoint === 'completions' ? 'prompt' : 'input';
      const value = json[required];
      const valid = endpoint === 'chat' ? Array.isArray(value) && value.length > 0 : value !== undefined && value !== null;
      if (!valid) return send(400, errorBody(400, `Missing required parameter: '${required}'.`, required));
    }
    // Drawn on every request that gets this far, so the failure pattern depends only on request order.
    if (random() < (options.errorRate ?? 0)) {
      const status = options.errorStatus ?? 500;
      const extra: Record<string, string> = status === 429 && options.retryAfter !== undefined ? { 'retry-after': String(options.retryAfter) } : {};
      return send(status, errorBody(status, `Injected error (status ${status}).`), extra);
    }
    const created = Math.floor(Date.now() / 1000);
    if (endpoint === 'models') {
      return send(200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'slipway' })) });
    }
    if (endpoint === 'model') {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      return models.includes(id)
        ? send(200, { id, object: 'model', created: 0, owned_by: 'slipway' })
        : send(404, errorBody(404, `The model '${id}' does not exist.`, 'model'));
    }
    const model = typeof json.model === 'string' ? json.model : (models[0] ?? 'slipway-test');
    if (endpoint === 'embeddings') return send(200, embeddings(json, model));

    // chat or completions
    const messages = endpoint === 'chat' ? (json.messages as unknown[]) : [];
    const prompt = endpoint === 'completions' ? (Array.isArray(json.prompt) ? json.prompt.map(String).join('\n') : String(json.prompt)) : '';
    const lastUser =
      endpoint === 'chat'
        ? contentText((messages.filter((m) => typeof m === 'object' && m !== null && (m as Json).role === 'user').at(-1) as Json | undefined)?.content)
        : prompt;
    const promptTokens =
      endpoint === 'chat' ? messages.reduce<number>((sum, m) => sum + countTokens(contentText((m as Json | null)?.content)), 0) : countTokens(prompt);
    const full = pickReply(options.replies, { endpoint, lastUserMessage: lastUser, body: json, index: answered++ }, cursor);
    const limit = json.max_completion_tokens ?? json.max_tokens;
    const { text, truncated } = typeof limit === 'number' ? truncateTokens(full, limit) : { text: full, truncated: false };
    const finish = truncated ? 'length' : 'stop';
    const completionTokens = countTokens(text);
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    const id = `${endpoint === 'chat' ? 'chatcmpl' : 'cmpl'}-slipway-${++sequence}`;

    if (json.stream !== true) {
      const choice =
        endpoint === 'chat'
          ? { index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finish }
          : { index: 0, text, logprobs: null, finish_reason: finish };
      return send(200, { id, object: endpoint === 'chat' ? 'chat.completion' : 'text_completion', created, model, choices: [choice], usage });
    }
    const withUsage = (json.stream_options as Json | undefined)?.include_usage === true;
    const base = { id, object: endpoint === 'chat' ? 'chat.completion.chunk' : 'text_completion', created, model, ...(withUsage ? { usage: null } : {}) };
    const chunk = (delta: Json, finishReason: string | null): Json => ({
      ...base,
      choices: [
        endpoint === 'chat'
          ? { index: 0, delta, logprobs: null, finish_reason: finishReason }
          : { index: 0, text: delta.content ?? '', logprobs: null, finish_reason: finishReason },
      ],
    });
    const events: Json[] = [
      ...(endpoint === 'chat' ? [chunk({ role: 'assistant', content: '' }, null)] : []),
      ...streamPieces(text).map((piece) => chunk({ content: piece }, null)),
      chunk({}, finish),
      ...(withUsage ? [{ ...base, choices: [], usage }] : []),
    ];
    await stream(res, events);
  }

  function embeddings(json: Json, model: string): Json {
    const inputs = (Array.isArray(json.input) && json.input.every((item) => typeof item !== 'number') ? json.input : [json.input]).map((item) =>
      Array.isArray(item) ? item.join(' ') : String(item),
    );
    const dims = typeof json.dimensions === 'number' && json.dimensions > 0 ? Math.floor(json.dimensions) : (options.embeddingDimensions ?? 16);
    const base64 = json.encoding_format === 'base64';
    const data = inputs.map((text, index) => {
      const vector = embedText(text, dims);
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
    return { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
  }

  async function stream(res: ServerResponse, events: Json[]): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    let gone = false; // The client hung up: nobody is listening any more, so stop writing.
    res.once('close', () => {
      gone = true;
    });
    const fail = typeof options.failMidStream === 'number' ? { afterChunks: options.failMidStream } : options.failMidStream;
    await pause(options.ttftMs);
    for (let index = 0; index <= events.length; index++) {
      if (gone) return;
      if (fail && index === fail.afterChunks) {
        const mode = fail.mode ?? 'cut';
        if (mode === 'error-event') {
          res.end(`data: ${JSON.stringify(errorBody(500, 'The server had an error while processing your request.'))}\n\n`);
        } else if (mode === 'end') {
          res.end();
        } else {
          // FIN after flushing what was written, but no terminating chunk: the client sees the body
          // end prematurely. (destroy() would also discard the chunks still in the socket buffer.)
          res.socket?.end();
        }
        return;
      }
      const event = events[index];
      if (event === undefined) break;
      if (index > 0) await pause(options.interChunkMs);
      if (gone) return;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    setOptions(partial) {
      Object.assign(options, partial);
      if ('seed' in partial) random = seededRandom(partial.seed ?? 1);
      if ('replies' in partial) cursor.next = 0;
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        shutdown.abort();
        server.close(() => resolve());
        // Keep-alive sockets from fetch would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
