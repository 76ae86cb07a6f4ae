import { spawn } from 'node:child_process';
import { HttpError, type Logger, retry } from '@slipway/kit';
import { jsonPath, renderDeep } from '../template.js';
import type { ChatMessage, ProviderConfig, ProviderResponse } from '../types.js';
import { costOf } from './prices.js';
import { RateBucket } from './rate.js';
import { type HttpAnswer, send } from './transport.js';

/** A model endpoint the runner can call; concurrency, rate limits, timeouts and retries are inside. */
export interface Provider {
  readonly config: ProviderConfig;
  complete(messages: ChatMessage[], options?: { signal?: AbortSignal; params?: Record<string, unknown> }): Promise<ProviderResponse>;
  /** Embeddings through the OpenAI-compatible `/embeddings` endpoint (semantic similarity). */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

type Call = (messages: ChatMessage[], params: Record<string, unknown>, signal: AbortSignal) => Promise<Omit<ProviderResponse, 'cost'>>;

/** Builds the provider for a resolved config. `log` hears about retries. */
export function createProvider(config: ProviderConfig, log?: Logger): Provider {
  const slots = new Slots(config.concurrency);
  const rpm = config.rpm ? new RateBucket(config.rpm) : undefined;
  const tpm = config.tpm ? new RateBucket(config.tpm) : undefined;
  const call: Call =
    config.type === 'openai'
      ? openaiCall(config)
      : config.type === 'anthropic'
        ? anthropicCall(config)
        : config.type === 'http'
          ? httpCall(config)
          : commandCall(config);

  const guarded = <T>(fn: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal, tokens = 0): Promise<T> =>
    slots.run(() =>
      retry(
        async () => {
          await rpm?.take(1, outer);
          if (tpm && tokens > 0) await tpm.take(tokens, outer);
          return withDeadline(outer, config.timeoutMs, fn);
        },
        {
          retries: config.retries,
          baseDelayMs: 250,
          ...(outer ? { signal: outer } : {}),
          onRetry: ({ attempt, delayMs, error }) => log?.debug(`${config.label}: retry ${attempt} in ${delayMs} ms after ${(error as Error).message}`),
        },
      ),
    );

  return {
    config,
    async complete(messages, options = {}) {
      const estimate = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
      const r = await guarded((signal) => call(messages, { ...config.params, ...options.params }, signal), options.signal, estimate);
      return { ...r, cost: costOf(config.price, config.model, r.promptTokens, r.completionTokens) };
    },
    embed(texts, signal) {
      return guarded(async (s) => {
        const body = (await postJson(endpoint(config, '/embeddings'), { model: config.model, input: texts }, authHeaders(config), s)) as {
          data?: { embedding: number[]; index: number }[];
        };
        const data = [...(body.data ?? [])].sort((a, b) => a.index - b.index);
        if (data.length !== texts.length) throw new Error(`${config.label}: embeddings returned ${data.length} vectors for ${texts.length} inputs`);
        return data.map((d) => d.embedding);
      }, signal);
    },
  };
}

/**
 * Concurrency slots that start the next waiting call the moment a call's answer is in, before the
 * caller grades it: at 50 ms of model latency and 20 slots, grading in the slot cost ~10 % throughput.
 */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Runs `fn` with a signal that aborts when `outer` does or after `ms` (a TimeoutError, which is
 * retryable). One controller and one timer per call: AbortSignal.any + AbortSignal.timeout cost
 * ~15 % of the runner's CPU per call in bench/eval.
 */
async function withDeadline<T>(outer: AbortSignal | undefined, ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`the call timed out after ${ms} ms`, 'TimeoutError')), ms);
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/** The key (as `Authorization: Bearer`, or in `apiKeyHeader` for Azure OpenAI) and the provider's extra headers. */
function authHeaders(config: ProviderConfig): Record<string, string> {
  const key = config.apiKey ? (config.apiKeyHeader ? { [config.apiKeyHeader]: config.apiKey } : { authorization: `Bearer ${config.apiKey}` }) : {};
  return { ...config.headers, ...key };
}

/** `path` under the provider's base URL, with its query parameters. */
function endpoint(config: ProviderConfig, path: string): string {
  const query = config.query ? new URLSearchParams(config.query).toString() : '';
  return `${config.baseUrl}${path}${query ? `?${query}` : ''}`;
}

async function postJson(url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<unknown> {
  const res = await send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
  if (!ok(res)) throw await httpError(url, res);
  return JSON.parse(await res.text()) as unknown;
}

function ok(res: HttpAnswer): boolean {
  return res.status >= 200 && res.status < 300;
}

async function httpError(url: string, res: HttpAnswer): Promise<HttpError> {
  const text = await res.text().catch(() => '');
  let detail = text.slice(0, 300);
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } | string };
    detail = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? detail);
  } catch {
    // not JSON: keep the text
  }
  const retryAfter = res.headers['retry-after'];
  return new HttpError(`${new URL(url).pathname} answered ${res.status}: ${detail}`, res.status, typeof retryAfter === 'string' ? retryAfter : undefined);
}

function openaiCall(config: ProviderConfig): Call {
  const url = endpoint(config, '/chat/completions');
  return async (messages, params, signal) => {
    const started = performance.now();
    const body = { model: config.model, messages, ...params, ...(config.stream ? { stream: true, stream_options: { include_usage: true } } : {}) };
    const res = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(config) },
      body: JSON.stringify(body),
      signal,
    });
    if (!ok(res)) throw await httpError(url, res);
    if (!config.stream) {
      const json = JSON.parse(await res.text()) as {
        choices?: { message?: { content?: string | null } }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number };
      };
      return {
        output: json.choices?.[0]?.message?.content ?? '',
        latencyMs: performance.now() - started,
        promptTokens: json.usage?.prompt_tokens ?? 0,
        completionTokens: json.usage?.completion_tokens ?? 0,
      };
    }
    let output = '';
    let ttftMs: number | undefined;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    for await (const data of sseData(res)) {
      if (data === '[DONE]') break;
      const chunk = JSON.parse(data) as {
        choices?: { delta?: { content?: string } }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
        error?: { message?: string };
      };
      if (chunk.error) throw new HttpError(`stream error: ${chunk.error.message ?? 'unknown'}`, 500);
      const piece = chunk.choices?.[0]?.delta?.content;
      if (piece) {
        ttftMs ??= performance.now() - started;
        output += piece;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    const r: Omit<ProviderResponse, 'cost'> = {
      output,
      latencyMs: performance.now() - started,
      promptTokens: usage?.prompt_tokens ?? 0,
      completionTokens: usage?.completion_tokens ?? 0,
    };
    if (ttftMs !== undefined) r.ttftMs = ttftMs;
    return r;
  };
}

/** One server-sent event: its `event:` name (default `message`) and its `data:` lines joined. */
interface SseEvent {
  event: string;
  data: string;
}

/** Yields the events of a server-sent event stream; a connection that breaks midway is a retryable error. */
async function* sseEvents(res: HttpAnswer): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length > 0) yield { event, data: data.join('\n') };
        cut = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') throw error;
    throw new HttpError(`stream broke: ${(error as Error).message}`, 502);
  }
}

/** The `data:` payloads of an OpenAI stream, up to `[DONE]`; a stream that ends before it is retryable. */
async function* sseData(res: HttpAnswer): AsyncGenerator<string> {
  for await (const { data } of sseEvents(res)) {
    const trimmed = data.trim();
    yield trimmed;
    if (trimmed === '[DONE]') return;
  }
  throw new HttpError('stream ended before [DONE]', 502);
}

type AnthropicUsage = { input_tokens?: number; output_tokens?: number };

// Anthropic's error types inside a 200 stream, as the HTTP status the same error would have had.
const ANTHROPIC_STREAM_STATUS: Record<string, number> = {
  overloaded_error: 529,
  api_error: 500,
  rate_limit_error: 429,
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
};

function anthropicCall(config: ProviderConfig): Call {
  const url = `${config.baseUrl}/messages`;
  return async (messages, params, signal) => {
    const started = performance.now();
    const system = messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n');
    const body = {
      model: config.model,
      max_tokens: 1024,
      ...params,
      ...(system ? { system } : {}),
      messages: messages.filter((m) => m.role !== 'system'),
      ...(config.stream ? { stream: true } : {}),
    };
    const headers: Record<string, string> = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...config.headers };
    if (config.apiKey) headers['x-api-key'] = config.apiKey;
    const res = await send(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    if (!ok(res)) throw await httpError(url, res);
    if (!config.stream) {
      const json = JSON.parse(await res.text()) as { content?: { type: string; text?: string }[]; usage?: AnthropicUsage };
      return {
        output: (json.content ?? [])
          .filter((c) => c.type === 'text')
          .map((c) => c.text ?? '')
          .join(''),
        latencyMs: performance.now() - started,
        promptTokens: json.usage?.input_tokens ?? 0,
        completionTokens: json.usage?.output_tokens ?? 0,
      };
    }
    let output = '';
    let ttftMs: number | undefined;
    let input = 0;
    let outputTokens = 0;
    let stopped = false;
    for await (const { event, data } of sseEvents(res)) {
      const json = JSON.parse(data) as {
        type?: string;
        message?: { usage?: AnthropicUsage };
        delta?: { type?: string; text?: string };
        usage?: AnthropicUsage;
        error?: { type?: string; message?: string };
      };
      const type = json.type ?? event;
      if (type === 'error') {
        const kind = json.error?.type ?? 'api_error';
        throw new HttpError(`stream error: ${kind}: ${json.error?.message ?? 'unknown'}`, ANTHROPIC_STREAM_STATUS[kind] ?? 500);
      }
      if (type === 'message_start') {
        input = json.message?.usage?.input_tokens ?? input;
        outputTokens = json.message?.usage?.output_tokens ?? outputTokens;
      } else if (type === 'content_block_delta' && json.delta?.type === 'text_delta' && json.delta.text) {
        ttftMs ??= performance.now() - started;
        output += json.delta.text;
      } else if (type === 'message_delta') {
        // message_delta carries the cumulative output tokens (and, on newer models, input tokens).
        outputTokens = json.usage?.output_tokens ?? outputTokens;
        input = json.usage?.input_tokens ?? input;
      } else if (type === 'message_stop') {
        stopped = true;
        break;
      }
    }
    if (!stopped) throw new HttpError('stream ended before message_stop', 502);
    const r: Omit<ProviderResponse, 'cost'> = { output, latencyMs: performance.now() - started, promptTokens: input, completionTokens: outputTokens };
    if (ttftMs !== undefined) r.ttftMs = ttftMs;
    return r;
  };
}

function promptText(messages: ChatMessage[]): string {
  return messages.length === 1 ? (messages[0]?.content ?? '') : messages.map((m) => `${m.role}: ${m.content}`).join('\n');
}

function httpCall(config: ProviderConfig): Call {
  return async (messages, params, signal) => {
    const started = performance.now();
    const vars = { prompt: promptText(messages), messages, ...params };
    const url = config.url ?? '';
    const res = await send(url, {
      method: config.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...config.headers },
      body: JSON.stringify(renderDeep(config.body, vars)),
      signal,
    });
    if (!ok(res)) throw await httpError(url, res);
    const text = await res.text();
    let output: unknown = text;
    try {
      output = jsonPath(JSON.parse(text), config.responsePath ?? '');
    } catch {
      // not JSON: the whole body is the answer
    }
    return {
      output: typeof output === 'string' ? output : JSON.stringify(output ?? ''),
      latencyMs: performance.now() - started,
      promptTokens: 0,
      completionTokens: 0,
    };
  };
}

/** A local command: the prompt on stdin, the answer on stdout. */
function commandCall(config: ProviderConfig): Call {
  return (messages, _params, signal) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn('/bin/sh', ['-c', config.command ?? ''], { stdio: ['pipe', 'pipe', 'pipe'], signal });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
      });
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
      });
      child.once('error', reject);
      child.once('close', (code) => {
        if (code === 0) resolve({ output: out.replace(/\n$/, ''), latencyMs: performance.now() - started, promptTokens: 0, completionTokens: 0 });
        else reject(new Error(`command exited ${code}: ${err.slice(-300)}`));
      });
      child.stdin.end(promptText(messages));
    });
}
