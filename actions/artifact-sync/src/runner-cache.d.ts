import type { Runtime } from '@slipway/kit';

/**
 * The Actions cache around a command: restore the object cache before, save it after when the key
 * missed. Any failure of the cache service is a warning, never a failed step.
 */
export declare function withRunnerCache<T>(rt: Runtime, key: { key: string; restoreKeys: string[]; cacheDir: string }, fn: () => Promise<T>): Promise<T>;
