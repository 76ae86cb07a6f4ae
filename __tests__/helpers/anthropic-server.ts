/**
 * A scripted, in-process Anthropic Messages API server for tests (POST /v1/messages), the sibling
 * of llm-server.ts. JSON answers and server-sent events in Anthropic's order (message_start,
 * content_block_start, ping, content_block_delta…, content_block_stop, message_delta with usage,
 * message_stop), Anthropic's error envelope, `error` events inside a 200 stream, cut streams,
 * latency and time-to-first-token knobs, and header checks (x-api-key, anthropic-version).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { contentText, countTokens, pickReply, type ReplyScript, streamPieces } from './services/llm-fakes.js';

export interface AnthropicServerOptions {
  /** Delay before the headers of every answer. */
  latencyMs?: number;
  /** Streaming: delay between message_start and the first text delta. */
  ttftMs?: number;
  /** Streaming: delay between text deltas. */
  interChunkMs?: number;
  replies?: ReplyScript | undefined;
  /** Answer the next `count` requests with this status and Anthropic's error envelope (429 and 529 are retryable). */
  failNext?: { count: number; status: number; retryAfter?: string } | undefined;
  /** Streaming: after this many text deltas, send an `error` event (overloaded_error) and end, or cut the socket. */
  breakStream?: { afterDeltas: number; mode: 'error-event' | 'cut' } | undefined;
  /** When set, requests without this `x-api-key` get 401 authentication_error. */
  apiKey?: string | undefined;
}

export interface RecordedAnthropicRequest {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface AnthropicServer {
  /** Base URL including /v1, as Anthropic clients take it. */
  url: string;
  requests: RecordedAnthropicRequest[];
  setOptions(options: Partial<AnthropicServerOptions>): void;
  stop(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

function errorBody(status: number, message: string): Record<string, unknown> {
  return { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } };
}

/** Starts the server on a free loopback port. */
export async function startAnthropicServer(initial: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  const options: AnthropicServerOptions = { ...initial };
  const requests: RecordedAnthropicRequest[] = [];
  const cursor = { next: 0 };
  let answered = 0;
  let sequence = 0;
  const shutdown = new AbortController();
  const pause = (ms: number | undefined) => (ms && ms > 0 ? sleep(ms, undefined, { signal: shutdown.signal }) : Promise.resolve());

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res).catch(() => res.destroy());
    });
  });

  const send = (res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++sequence}`, ...headers });
    res.end(JSON.stringify(payload));
  };

  async function handle(method: string, url: string, headers: IncomingHttpHeaders, raw: string, res: ServerResponse): Promise<void> {
    await pause(options.latencyMs);
    if (method !== 'POST' || new URL(url, 'http://x').pathname !== '/v1/messages') return send(res, 404, errorBody(404, `Not found: ${method} ${url}`));
    if (options.apiKey !== undefined && headers['x-api-key'] !== options.apiKey) return send(res, 401, errorBody(401, 'invalid x-api-key'));
    if (typeof headers['anthropic-version'] !== 'string') return send(res, 400, errorBody(400, 'anthropic-version: header is required'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(res, 400, errorBody(400, 'the request body is not valid JSON'));
    }
    requests.push({ headers, body });
    const messages = body.messages;
    if (!Array.isArray(messages) || messages.length === 0) return send(res, 400, errorBody(400, 'messages: Field required'));
    if (typeof body.max_tokens !== 'number') return send(res, 400, errorBody(400, 'max_tokens: Field required'));
    if (messages.some((m) => (m as { role?: unknown }).role === 'system'))
      return send(res, 400, errorBody(400, 'messages: Unexpected role "system". Use the top-level `system` parameter.'));
    if (options.failNext && options.failNext.count > 0) {
      options.failNext.count--;
      const { status, retryAfter } = options.failNext;
      return send(res, status, errorBody(status, `scripted failure ${status}`), retryAfter ? { 'retry-after': retryAfter } : {});
    }
    const lastUser = contentText((messages.filter((m) => (m as { role?: unknown }).role === 'user').at(-1) as { content?: unknown } | undefined)?.content);
    const system = typeof body.system === 'string' ? body.system : '';
    const inputTokens = countTokens(system) + messages.reduce<number>((n, m) => n + countTokens(contentText((m as { content?: unknown }).content)), 0);
    const text = pickReply(options.replies, { endpoint: 'chat', lastUserMessage: lastUser, body, index: answered++ }, cursor);
    const outputTokens = countTokens(text);
    const id = `msg_slipway_${++sequence}`;
    const model = String(body.model ?? 'claude-test');
    if (body.stream !== true) {
      return send(res, 200, {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: outputTokens },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const event = (name: string, data: Record<string, unknown>) => res.write(`event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`);
    event('message_start', {
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: 1 },
      },
    });
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    event('ping', {});
    await pause(options.ttftMs);
    const pieces = streamPieces(text);
    for (const [i, piece] of pieces.entries()) {
      if (options.breakStream && i === options.breakStream.afterDeltas) {
        if (options.breakStream.mode === 'cut') res.socket?.end();
        else res.end(`event: error\ndata: ${JSON.stringify(errorBody(529, 'Overloaded'))}\n\n`);
        return;
      }
      if (i > 0) await pause(options.interChunkMs);
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
    }
    event('content_block_stop', { index: 0 });
    event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } });
    event('message_stop', {});
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setOptions(partial) {
      Object.assign(options, partial);
      if ('replies' in partial) cursor.next = 0;
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        shutdown.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
