import type { Remote } from './remote.js';

/**
 * The remote with its check (credentials, bucket) run only when a request fails, to explain the
 * failure: a missing bucket says so rather than "object missing", a refused request names the
 * policy to fix. Checking first would cost every command a round trip (and on s3rver a listing of
 * the whole bucket), and would refuse a role allowed to read objects but not to HEAD the bucket.
 */
export function checkOnFailure(remote: Remote): Remote {
  let checked: Promise<void> | undefined;
  const check = () => {
    checked ??= remote.check();
    return checked;
  };
  const guard = <T>(p: Promise<T>): Promise<T> =>
    p.catch(async (error: unknown) => {
      await check();
      throw error;
    });
  return {
    display: remote.display,
    check,
    explain: () => check(),
    // A HEAD answers 404 without a body, for a missing bucket as for a missing object: when none of the
    // keys is there, make sure the bucket is.
    has: async (keys) => {
      const found = await guard(remote.has(keys));
      if (found.size === 0 && keys.length > 0) await check();
      return found;
    },
    list: (prefix) => guard(remote.list(prefix)),
    upload: (key, file, info) => guard(remote.upload(key, file, info)),
    uploadBytes: (key, bytes, info) => guard(remote.uploadBytes(key, bytes, info)),
    open: (key, start) => guard(remote.open(key, start)),
    ...(remote.source ? { source: (key, range) => guard(remote.source?.(key, range) ?? Promise.resolve(undefined)) } : {}),
    delete: (keys) => guard(remote.delete(keys)),
    close: () => remote.close(),
  };
}
