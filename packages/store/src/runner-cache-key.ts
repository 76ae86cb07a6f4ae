import path from 'node:path';
import { type Runtime, UserError } from '@slipway/kit';
import { StoreContext, type StoreOptions } from './internal/context.js';
import { findTargets } from './internal/targets.js';
import { pointersDigest } from './result.js';

/**
 * The key under which an Actions runner cache keeps the local object cache: the pointers' digest,
 * so a re-run with the same pointers restores exactly what it needs. `restoreKeys` falls back to the
 * newest cache of any pointer set, which still saves most downloads after a small change. `cacheDir`
 * is relative to the workspace.
 */
export async function runnerCacheKey(
  rt: Runtime,
  options: StoreOptions,
  platform = `${process.platform}-${process.arch}`,
): Promise<{ key: string; restoreKeys: string[]; cacheDir: string; digest: string }> {
  const ctx = await StoreContext.open(rt, options);
  try {
    const targets = await findTargets(ctx, options.paths).catch((error: unknown) => {
      if (error instanceof UserError) return [];
      throw error;
    });
    const digest = pointersDigest(targets);
    const prefix = `slipway-artifacts-v1-${platform}-`;
    // @actions/cache folds the paths into the entry's version: relative to the workspace (the step's working
    // directory), so a checkout in another folder still finds the entry.
    const cacheDir = path.relative(rt.cwd, ctx.cache.dir).split(path.sep).join('/') || '.';
    return { key: `${prefix}${digest.replace(/^sha256:/, '').slice(0, 32)}`, restoreKeys: [prefix], cacheDir, digest };
  } finally {
    await ctx.close();
  }
}
