import type { Remote } from './remote.js';

/**
 * The remote with its check (credentials, bucket) run alongside the first requests instead of before
 * them: one round trip less for every command. When a request fails and the check failed too, the
 * check's error is the one thrown, so a missing bucket says so rather than "object missing". A check
 * that fails while every request succeeds (a role allowed to read objects but not to HEAD the
 * bucket) is not an error.
 */
export function checkAlongside(remote: Remote): Remote {
  const checked = remote.check();
  // Awaited only when a request fails.
  checked.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> =>
    p.catch(async (error: unknown) => {
      await checked;
      throw error;
    });
  return {
    display: remote.display,
    check: () => checked,
    explain: async () => {
      await checked;
    },
    has: (keys) => guard(remote.has(keys)),
    list: (prefix) => guard(remote.list(prefix)),
    upload: (key, file, info) => guard(remote.upload(key, file, info)),
    uploadBytes: (key, bytes, info) => guard(remote.uploadBytes(key, bytes, info)),
    open: (key, start) => guard(remote.open(key, start)),
    ...(remote.source ? { source: (key, range) => guard(remote.source?.(key, range) ?? Promise.resolve(undefined)) } : {}),
    delete: (keys) => guard(remote.delete(keys)),
    close: () => remote.close(),
  };
}
