import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { InputError, type Runtime, UserError } from '@slipway/kit';
import { StoreContext, type StoreOptions } from './internal/context.js';
import { parseDirObject } from './internal/dir-object.js';
import { isMissing, loadDirObject } from './internal/objects.js';
import { PartialDownload } from './internal/partial.js';
import { POINTER_SUFFIX, parsePointer } from './internal/pointer.js';
import { idFromKey, objectKey } from './internal/remote.js';
import { findTargets, type Tracked } from './internal/targets.js';

const run = promisify(execFile);

export interface GcOptions extends StoreOptions {
  /** Git refs whose pointers keep their objects (the workspace's pointers always do). */
  refs?: readonly string[];
  /** Also collect on the remote, not only in the local cache. */
  cloud?: boolean;
  /** Delete for real; without it, only report. */
  force?: boolean;
}

export interface GcResult {
  dryRun: boolean;
  referenced: number;
  cache: { unreferenced: string[]; removed: number };
  /** Ids of half-finished downloads nothing references (dropped unless a dry run). */
  partialDownloads: string[];
  remote?: { url: string; unreferenced: string[]; removed: number };
}

/**
 * `slipway artifacts gc`: removes objects no pointer references, in the workspace or in the given
 * git refs. A dry run unless `force`; a folder whose listing cannot be read stops it, since its
 * files would otherwise look unreferenced.
 */
export async function collectGarbage(rt: Runtime, options: GcOptions): Promise<GcResult> {
  const ctx = await StoreContext.open(rt, options);
  try {
    const refs = options.refs ?? [];
    const tracked: Tracked[] = await findTargets(ctx, undefined);
    for (const ref of refs) tracked.push(...(await pointersAtRef(ctx.root, ref)));
    const keep = new Set<string>();
    for (const t of tracked) {
      keep.add(t.out.md5);
      if (!t.out.md5.endsWith('.dir')) continue;
      let dir = await loadDirObject(ctx, t, false).catch(() => undefined);
      if (!dir && ctx.hasRemote) {
        const remote = await ctx.remote();
        try {
          const chunks: Buffer[] = [];
          for await (const c of await remote.open(objectKey(t.out.md5))) chunks.push(c as Buffer);
          dir = parseDirObject(t.out.md5, Buffer.concat(chunks), remote.display);
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
      }
      if (!dir) {
        throw new UserError(`gc stopped: the listing ${t.out.md5} of ${t.rel} (${t.pointerRel}) is in neither the cache nor the remote`, {
          hint: 'pull or push that folder first, or leave its ref out of --refs',
        });
      }
      for (const e of dir.entries) keep.add(e.md5);
    }
    const dryRun = options.force !== true;
    const cacheIds = await ctx.cache.ids();
    const cacheGarbage = cacheIds.filter((id) => !keep.has(id));
    if (!dryRun) for (const id of cacheGarbage) await ctx.cache.remove(id);
    // Half-finished downloads of objects nothing references any more would otherwise wait forever for a resume.
    const partials = [...(await ctx.partialIds())].filter((id) => !keep.has(id));
    if (!dryRun) for (const id of partials) await new PartialDownload(ctx.stateDir, id).remove();
    const result: GcResult = {
      dryRun,
      referenced: keep.size,
      cache: { unreferenced: cacheGarbage, removed: dryRun ? 0 : cacheGarbage.length },
      partialDownloads: partials,
    };
    if (options.cloud) {
      const remote = await ctx.remote();
      const keys = (await remote.list('files/md5/')).filter((k) => {
        const id = idFromKey(k);
        return id !== undefined && !keep.has(id);
      });
      let removed = 0;
      if (!dryRun) {
        removed = await remote.delete(keys);
        // The index may name deleted objects now; the next push rebuilds it from a listing.
        await (await ctx.index()).clear();
      }
      result.remote = { url: remote.display, unreferenced: keys, removed };
    }
    const verb = dryRun ? 'would remove' : 'removed';
    rt.log.info(
      `gc: ${keep.size} object(s) referenced; ${verb} ${cacheGarbage.length} from the cache${result.remote ? ` and ${result.remote.unreferenced.length} from ${result.remote.url}` : ''}`,
    );
    if (dryRun && (cacheGarbage.length > 0 || (result.remote?.unreferenced.length ?? 0) > 0)) rt.log.info('gc: dry run; pass --force to delete');
    return result;
  } finally {
    await ctx.close();
  }
}

/** The pointers committed at a git ref, read with `git ls-tree` and `git show` (nothing in the workspace changes). */
async function pointersAtRef(root: string, ref: string): Promise<Tracked[]> {
  if (!/^[\w./@{}~^-]+$/.test(ref) || ref.startsWith('-'))
    throw new InputError('refs', `"${ref}" is not a git ref`, { hint: 'use a branch, tag or commit, e.g. main' });
  let listing: string;
  try {
    listing = (await run('git', ['ls-tree', '-r', '-z', '--name-only', ref], { cwd: root, maxBuffer: 256 * 2 ** 20 })).stdout;
  } catch (error) {
    throw new InputError(
      'refs',
      `git cannot read "${ref}": ${
        String((error as { stderr?: string }).stderr ?? error)
          .trim()
          .split('\n')[0]
      }`,
      {
        hint: 'name a ref that exists in this repository (git branch -a)',
      },
    );
  }
  const out: Tracked[] = [];
  for (const rel of listing.split('\0').filter((p) => p.endsWith(POINTER_SUFFIX))) {
    const text = (await run('git', ['show', `${ref}:${rel}`], { cwd: root, maxBuffer: 16 * 2 ** 20 })).stdout;
    const where = `${ref}:${rel}`;
    for (const o of parsePointer(text, where).outs) {
      out.push({ pointerFile: where, pointerRel: where, pointerText: text, out: o, abs: '', rel: `${rel.replace(/[^/]*$/, '')}${o.path}` });
    }
  }
  return out;
}
