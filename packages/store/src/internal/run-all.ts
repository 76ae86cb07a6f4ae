/**
 * Runs `fn` over `items` with at most `concurrency` in flight. Unlike `Promise.all`, it waits for
 * every started task before it rejects, so nothing keeps writing after the command has returned;
 * the first error is the one thrown, with a count of the others.
 */
export async function runAll<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (errors.length > 0) {
    const first = errors[0];
    if (errors.length > 1 && first instanceof Error) first.message += ` (and ${errors.length - 1} more error(s))`;
    throw first;
  }
}

/** At most `n` of the functions passed in run at once; the rest wait their turn. */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
