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
          const signal = outer ? AbortSignal.any([outer, AbortSignal.timeout(config.timeoutMs)]) : AbortSignal.timeout(config.timeoutMs);
          return fn(signal);
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
        const body = (await postJson(`${config.baseUrl}/embeddings`, { model: config.model, input: texts }, authHeaders(config), s)) as {
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

function authHeaders(config: ProviderConfig): Record<string, string> {
  return config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
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
  const url = `${config.baseUrl}/chat/completions`;
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

/** Yields the `data:` payloads of a server-sent event stream; a stream cut before its end is a retryable error. */
async function* sseData(res: HttpAnswer): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let sawDone = false;
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        for (const line of event.split('\n')) {
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') sawDone = true;
          yield data;
        }
        cut = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') throw error;
    throw new HttpError(`stream broke: ${(error as Error).message}`, 502);
  }
  if (!sawDone) throw new HttpError('stream ended before [DONE]', 502);
}

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
    };
    const headers: Record<string, string> = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
    if (config.apiKey) headers['x-api-key'] = config.apiKey;
    const res = await send(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    if (!ok(res)) throw await httpError(url, res);
    const json = JSON.parse(await res.text()) as { content?: { type: string; text?: string }[]; usage?: { input_tokens?: number; output_tokens?: number } };
    return {
      output: (json.content ?? [])
        .filter((c) => c.type === 'text')
        .map((c) => c.text ?? '')
        .join(''),
      latencyMs: performance.now() - started,
      promptTokens: json.usage?.input_tokens ?? 0,
      completionTokens: json.usage?.output_tokens ?? 0,
    };
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
