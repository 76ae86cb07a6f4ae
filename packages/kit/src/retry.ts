import { HttpError } from './errors.js';

export interface RetryOptions {
  /** Attempts after the first one. */
  retries?: number;
  /** Delay before the first retry; doubles each time. */
  baseDelayMs?: number;
  /** Ceiling for one delay, including a server's `Retry-After`. */
  maxDelayMs?: number;
  /** Which errors are worth another try; defaults to {@link HttpError.isRetryable}. */
  isRetryable?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
  /** Injected for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/**
 * Runs `fn` until it succeeds, retrying retryable errors with exponential backoff and full jitter.
 * A `Retry-After` from the server replaces the computed delay (capped by `maxDelayMs`).
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const {
    retries = 3,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    isRetryable = HttpError.isRetryable,
    sleep = abortableSleep,
    random = Math.random,
    now = Date.now,
  } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= retries || !isRetryable(error) || options.signal?.aborted) throw error;
      const serverDelay = error instanceof HttpError ? parseRetryAfter(error.retryAfter, now()) : undefined;
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const delayMs = Math.min(maxDelayMs, serverDelay ?? Math.round(backoff * random()));
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
