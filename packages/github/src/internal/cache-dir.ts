import * as cache from '@actions/cache';
import type { Logger } from '@slipway/kit';

/**
 * Restores a folder saved by an earlier run (`@actions/cache`), newest entry with `prefix` first.
 * Outside the Actions cache service (local runs, tests) it says so and returns undefined.
 */
export async function restoreDir(dir: string, key: string, prefix: string, log: Logger): Promise<string | undefined> {
  if (!cache.isFeatureAvailable()) {
    log.debug('the Actions cache service is not available here; starting with the local cache folder');
    return undefined;
  }
  try {
    const hit = await cache.restoreCache([dir], key, [prefix]);
    log.info(hit ? `response cache restored from ${hit}` : 'no saved response cache yet');
    return hit;
  } catch (error) {
    log.warn(`response cache not restored: ${(error as Error).message}`);
    return undefined;
  }
}

/** Saves a folder under `key`; a failure is a warning (the run's results are already complete). */
export async function saveDir(dir: string, key: string, log: Logger): Promise<boolean> {
  if (!cache.isFeatureAvailable()) return false;
  try {
    await cache.saveCache([dir], key);
    return true;
  } catch (error) {
    log.warn(`response cache not saved: ${(error as Error).message}`);
    return false;
  }
}
