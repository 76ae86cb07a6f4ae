import { runInNewContext } from 'node:vm';
import { createLimiter, HttpError, isNetworkError, mapLimit, parseRetryAfter, retry } from '@slipway/kit';

describe('retry', () => {
  const noSleep = async () => {};

  test('retries retryable errors with growing, jittered delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 4) throw new HttpError('busy', 503);
        return 'ok';
      },
      { retries: 5, baseDelayMs: 100, random: () => 1, sleep: noSleep, onRetry: ({ delayMs }) => delays.push(delayMs) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    expect(delays).toEqual([100, 200, 400]);
  });

  test('full jitter draws each delay from [0, backoff]', async () => {
    const delays: number[] = [];
    await expect(
      retry(
        async () => {
          throw new HttpError('busy', 500);
        },
        { retries: 2, baseDelayMs: 1000, random: () => 0.25, sleep: noSleep, onRetry: ({ delayMs }) => delays.push(delayMs) },
      ),
    ).rejects.toThrow('busy');
    expect(delays).toEqual([250, 500]);
  });

  test('honours Retry-After in seconds and as an HTTP date, capped by maxDelayMs', async () => {
    const delays: number[] = [];
    const now = Date.parse('2026-11-27T12:00:00Z');
    let calls = 0;
    await retry(
      async () => {
        calls++;
        if (calls === 1) throw new HttpError('slow down', 429, '7');
        if (calls === 2) throw new HttpError('slow down', 429, 'Fri, 27 Nov 2026 12:00:03 GMT');
        if (calls === 3) throw new HttpError('slow down', 429, '3600');
        return 1;
      },
      { retries: 5, maxDelayMs: 60_000, sleep: noSleep, now: () => now, onRetry: ({ delayMs }) => delays.push(delayMs) },
    );
    expect(delays).toEqual([7000, 3000, 60_000]);
  });

  test('does not retry a 4xx other than 408 and 429', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new HttpError('not found', 404);
        },
        { sleep: noSleep },
      ),
    ).rejects.toThrow('not found');
    expect(calls).toBe(1);
  });

  test('retries connection resets wrapped by fetch', async () => {
    let calls = 0;
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    await retry(
      async () => {
        if (++calls === 1) throw new TypeError('fetch failed', { cause: reset });
      },
      { sleep: noSleep },
    );
    expect(calls).toBe(2);
  });

  test('network errors are recognised even when made in another realm (jest, workers)', () => {
    const foreign = runInNewContext("Object.assign(new Error('reset'), { code: 'ECONNRESET' })") as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(isNetworkError(foreign)).toBe(true);
    expect(isNetworkError(new TypeError('fetch failed', { cause: foreign }))).toBe(true);
    expect(isNetworkError(new Error('plain'))).toBe(false);
  });

  test('parseRetryAfter ignores junk', () => {
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
    expect(parseRetryAfter('1.5', 0)).toBe(1500);
  });
});

describe('limiter', () => {
  test('never runs more than its concurrency at once, and keeps order of results', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapLimit([30, 10, 20, 5, 15, 25], 2, async (ms, i) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, ms));
      active--;
      return i;
    });
    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('a failing task frees its slot and rejects only its own promise', async () => {
    const limit = createLimiter(1);
    const a = limit(async () => {
      throw new Error('boom');
    });
    const b = limit(async () => 'fine');
    await expect(a).rejects.toThrow('boom');
    await expect(b).resolves.toBe('fine');
    expect(limit.active).toBe(0);
    expect(limit.pending).toBe(0);
  });

  test('refuses a concurrency below one', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
