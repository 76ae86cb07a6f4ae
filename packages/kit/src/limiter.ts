/** Runs at most `concurrency` tasks at once; the rest wait in arrival order. */
export interface Limiter {
  <T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly pending: number;
}

/** Creates a {@link Limiter}. `concurrency` must be a positive integer (or Infinity). */
export function createLimiter(concurrency: number): Limiter {
  if (!(concurrency >= 1)) throw new RangeError(`concurrency must be at least 1, got ${concurrency}`);
  let active = 0;
  const queue: Array<() => void> = [];

  const next = () => {
    active--;
    queue.shift()?.();
  };

  const limit = <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        active++;
        let p: Promise<T>;
        try {
          p = task();
        } catch (error) {
          p = Promise.reject(error);
        }
        p.then(resolve, reject).finally(next);
      };
      if (active < concurrency) start();
      else queue.push(start);
    });

  return Object.defineProperties(limit, {
    active: { get: () => active },
    pending: { get: () => queue.length },
  }) as Limiter;
}

/** Maps `items` through `fn` with at most `concurrency` calls in flight; results keep input order. */
export async function mapLimit<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = createLimiter(concurrency);
  return Promise.all(items.map((item, i) => limit(() => fn(item, i))));
}
