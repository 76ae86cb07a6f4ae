// Plain JavaScript on purpose: ncc resolves `@actions/cache` (an ESM-only package whose exports
// offer only the "import" condition) from .js files in this ESM package, but not from TypeScript
// compiled with module NodeNext. The types live in runner-cache.d.ts.
import * as cache from '@actions/cache';

/**
 * The Actions cache around a command: restore the object cache before, save it after when the key
 * missed. The cache is an accelerator, never a requirement: any failure is a warning.
 */
export async function withRunnerCache(rt, key, fn) {
  if (!cache.isFeatureAvailable()) {
    rt.log.warn('cache: true, but the Actions cache service is not available here (ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL unset); continuing without it');
    rt.setOutput('cache-hit', false);
    return fn();
  }
  let hit;
  try {
    hit = await cache.restoreCache([key.cacheDir], key.key, key.restoreKeys);
  } catch (error) {
    rt.log.warn(`could not restore the object cache: ${firstLine(error)}`);
  }
  rt.setOutput('cache-hit', hit === key.key);
  const result = await fn();
  if (hit !== key.key) {
    try {
      await cache.saveCache([key.cacheDir], key.key);
    } catch (error) {
      rt.log.warn(`could not save the object cache: ${firstLine(error)}`);
    }
  }
  return result;
}

function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
