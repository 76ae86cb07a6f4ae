import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, renameSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { chmod, copyFile, type FileHandle, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { retry, UserError } from '@slipway/kit';
import type { StoreContext } from './context.js';
import { type DownloadSource, IN_MEMORY, type WholeResult } from './download-pool.js';
import { isMissing } from './objects.js';
import { PartialDownload, type PendingRange } from './partial.js';
import { objectKey, type Remote } from './remote.js';
import { isRetryableS3 } from './s3-retry.js';

/** A remote object whose bytes do not match its name. Never placed. */
export class IntegrityError extends UserError {
  override name = 'IntegrityError';
}

const WRITE_BATCH = 4 * 1024 * 1024;
/** Objects at least this big may be fetched as several ranges at once. */
export const RANGE_MIN = 32 * 1024 * 1024;

export interface PlaceOptions {
  isexec?: boolean;
  shown: string;
  /** Parallel ranged GETs for this object, when its size is known and it is big (1 = one stream, hashed as it arrives). */
  ranges?: number;
}

/**
 * Places object `id` at `target`: copied from the local cache when there, else downloaded and its
 * MD5 checked before anything is placed. Files are written under a temporary name and renamed, so
 * the target is complete or absent. A big download keeps its partial bytes and progress in
 * `.slipway/state/downloads/`, and the next run continues it with Range requests, verifying the
 * MD5 over the whole file. Returns whether it came over the network.
 */
export async function placeObject(
  ctx: StoreContext,
  id: string,
  size: number | undefined,
  target: string,
  options: PlaceOptions,
): Promise<{ downloaded: boolean; size: number }> {
  const mode = options.isexec ? 0o755 : 0o644;
  const cachedSize = ctx.cache.sizeOf(id, size);
  if (cachedSize !== undefined) return copyFromCache(ctx, id, cachedSize, target, mode);
  const remote = await ctx.remote();
  const key = objectKey(id);
  const where = `${remote.display}/${key}`;
  const missing = () => new UserError(`object ${id} of ${options.shown} is missing from the remote (${where})`, { hint: 'push it from a machine that has it' });
  const corrupt = (actual: string, bytes: number) =>
    new IntegrityError(`remote object ${where} for ${options.shown} is corrupt: its bytes hash to ${actual} (${bytes} bytes); nothing was written`, {
      hint: 'delete that object from the remote and push it again from a good copy',
    });
  try {
    if (remote.source) {
      // One download per object at a time: two paths holding the same bytes share its partial file.
      const placed = await ctx.exclusive(id, () => fetchInWorkers(ctx, remote, id, size, target, mode, options, where, corrupt));
      if (placed) return placed;
    }
    return await streamInMain(ctx, remote, id, size, target, mode, where, corrupt);
  } catch (error) {
    await remote.explain?.(error);
    if (isMissing(error)) throw missing();
    throw error;
  }
}

async function copyFromCache(ctx: StoreContext, id: string, cachedSize: number, target: string, mode: number): Promise<{ downloaded: boolean; size: number }> {
  const tmp = tmpName(target);
  await ctx.ensureDir(path.dirname(target));
  try {
    if (cachedSize <= IN_MEMORY) {
      copyFileSync(ctx.cache.pathOf(id), tmp);
      chmodSync(tmp, mode);
      renameSync(tmp, target);
    } else {
      await copyFile(ctx.cache.pathOf(id), tmp);
      await chmod(tmp, mode);
      await rename(tmp, target);
    }
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  ctx.hashes.remember(target, statSync(target), id);
  return { downloaded: false, size: cachedSize };
}

/** Downloads on the worker threads; undefined when the remote cannot hand the object to a worker. */
async function fetchInWorkers(
  ctx: StoreContext,
  remote: Remote,
  id: string,
  size: number | undefined,
  target: string,
  mode: number,
  options: PlaceOptions,
  where: string,
  corrupt: (actual: string, bytes: number) => IntegrityError,
): Promise<{ downloaded: boolean; size: number } | undefined> {
  const key = objectKey(id);
  const source = (range?: readonly [number, number]) => remote.source?.(key, range) ?? Promise.resolve(undefined);
  const partial = new PartialDownload(ctx.stateDir, id);
  const pool = ctx.downloads();
  const keepCache = ctx.options.keepCache !== false;
  // Where the cache can share blocks with the workspace (a reflink), copying afterwards costs nothing;
  // elsewhere the worker writes the cache's copy as the bytes arrive rather than reading them back.
  const mirror = keepCache && !(await ctx.cache.reflinks());
  await ctx.ensureDir(path.dirname(target));
  let plan: { size: number; pending: PendingRange[] } | undefined;
  let result: WholeResult | undefined;
  if ((await ctx.partialIds()).has(id)) {
    const r = await partial.resumable(size);
    if (r) {
      ctx.rt.log.info(`resuming the download of ${where}: ${r.have} of ${r.meta.size} bytes already here`);
      plan = { size: r.meta.size, pending: r.pending };
    }
  }
  if (!plan && size !== undefined && size >= RANGE_MIN && (options.ranges ?? 1) > 1) {
    if (!(await source([0, 0]))) return undefined;
    plan = { size, ...(await partial.create(size, Math.min(options.ranges ?? 1, Math.ceil(size / (RANGE_MIN / 2))))) };
  }
  const tmp = tmpName(target);
  const cacheTarget = ctx.cache.pathOf(id);
  if (!plan) {
    const first = await source();
    if (!first) return undefined;
    const whole = async (src: DownloadSource) =>
      pool.whole({
        kind: 'whole',
        src,
        expect: id,
        small: { tmp, target, mode, ...(keepCache ? { cacheTmp: tmpName(cacheTarget), cacheTarget } : {}) },
        partial: { data: partial.data, progress: partial.progress, meta: partial.meta, id, ...(mirror ? { mirror: partial.mirror } : {}) },
      });
    try {
      result = await whole(first);
    } catch (error) {
      await rm(tmp, { force: true });
      if (!isRetryableS3(error)) throw error;
      // Cut off midway: a big body kept what arrived, so continue it with a Range request; a small one starts again.
      const r = await partial.resumable(size);
      if (r) {
        ctx.rt.log.warn(`download of ${where} was cut off (${String(error)}); continuing after ${r.have} of ${r.meta.size} bytes`);
        plan = { size: r.meta.size, pending: r.pending };
      } else result = await withRetry(ctx, where, async () => whole((await source()) ?? first));
    }
  }
  if (!plan) {
    if (!result) throw new Error(`unreachable: no download result for ${where}`);
    if (result.placed) {
      ctx.hashes.rememberRaw(target, result.size, result.mtimeMs, result.ino, id);
      ctx.cache.noteDir(path.dirname(cacheTarget));
      (await ctx.index()).add([key]);
      return { downloaded: true, size: result.size };
    }
    if (result.md5 !== id || (size !== undefined && result.size !== size)) {
      await rm(tmp, { force: true });
      if (result.spilled) await partial.remove();
      throw corrupt(result.md5, result.size);
    }
    return placeVerified(ctx, partial, id, target, mode, mirror && result.spilled);
  }
  const { pending } = plan;
  // Ranges write at their own offsets; each retry reads back how far its range got and continues from there.
  const settled = await Promise.allSettled(
    pending.map((r) =>
      withRetry(ctx, where, async (attempt) => {
        const done = attempt === 0 ? r.done : await readSlot(partial.progress, r.slot, r.end - r.start + 1);
        const src = await source([r.start + done, r.end]);
        if (!src) throw new Error(`unreachable: ${where} has no worker source`);
        return pool.range({ kind: 'range', src, start: r.start, end: r.end, done, data: partial.data, progress: partial.progress, slot: r.slot });
      }),
    ),
  );
  // Every range has stopped writing before the error surfaces; the partial stays for the next run.
  const failed = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
  if (failed) throw failed.reason;
  const actual = await ctx.hasher.hashFile(partial.data, plan.size);
  if (actual.md5 !== id || actual.size !== plan.size) {
    await partial.remove();
    throw corrupt(actual.md5, actual.size);
  }
  return placeVerified(ctx, partial, id, target, mode);
}

/** Moves a verified partial download into place, then into the cache (its mirror copy when one was written). */
async function placeVerified(
  ctx: StoreContext,
  partial: PartialDownload,
  id: string,
  target: string,
  mode: number,
  mirrored = false,
): Promise<{ downloaded: boolean; size: number }> {
  await chmod(partial.data, mode);
  try {
    await rename(partial.data, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // The state folder sits on another file system: copy under a temporary name, then rename.
    const tmp = tmpName(target);
    try {
      await copyFile(partial.data, tmp);
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
  const st = statSync(target);
  if (ctx.options.keepCache !== false) {
    const mirror = mirrored ? statSync(partial.mirror, { throwIfNoEntry: false }) : undefined;
    if (mirror?.size === st.size) await ctx.cache.adoptFile(id, partial.mirror);
    else await ctx.cache.insertFile(id, target, st.size);
  }
  await partial.remove();
  ctx.hashes.remember(target, st, id);
  (await ctx.index()).add([objectKey(id)]);
  return { downloaded: true, size: st.size };
}

async function readSlot(progress: string, slot: number, length: number): Promise<number> {
  const buf = await readFile(progress);
  return buf.length >= (slot + 1) * 8 ? Math.min(length, Number(buf.readBigUInt64LE(slot * 8))) : 0;
}

function withRetry<T>(ctx: StoreContext, where: string, fn: (attempt: number) => Promise<T>): Promise<T> {
  let attempt = 0;
  return retry(() => fn(attempt++), {
    retries: 3,
    baseDelayMs: 250,
    isRetryable: isRetryableS3,
    onRetry: ({ attempt: n, error }) => ctx.rt.log.warn(`download of ${where} failed (${String(error)}); retry ${n}`),
  });
}

function tmpName(target: string): string {
  return `${target}.slipway-tmp-${randomBytes(6).toString('hex')}`;
}

/**
 * The main-thread path, for a remote that only streams (`SLIPWAY_S3_LEAN=0`): MD5 checked on the
 * way, small bodies held in memory, big ones written in batches.
 */
async function streamInMain(
  ctx: StoreContext,
  remote: Remote,
  id: string,
  size: number | undefined,
  target: string,
  mode: number,
  where: string,
  corrupt: (actual: string, bytes: number) => IntegrityError,
): Promise<{ downloaded: boolean; size: number }> {
  const key = objectKey(id);
  const tmp = tmpName(target);
  try {
    const placed = await retry(
      async () => {
        const body = (await remote.open(key)) as AsyncIterable<Buffer>;
        const hash = createHash('md5');
        const held: Buffer[] = [];
        let bytes = 0;
        let pending = 0;
        let fh: FileHandle | undefined;
        try {
          for await (const chunk of body) {
            hash.update(chunk);
            bytes += chunk.length;
            if (!fh && bytes <= IN_MEMORY) {
              held.push(chunk);
              continue;
            }
            if (!fh) {
              await ctx.ensureDir(path.dirname(target));
              fh = await open(tmp, 'w', mode);
            }
            // Network chunks are 16–64 KiB: gather a few MiB per write, or the syscalls cost more than the bytes.
            held.push(chunk);
            pending += chunk.length;
            if (pending >= WRITE_BATCH) {
              await fh.writev(held.splice(0));
              pending = 0;
            }
          }
          if (fh && held.length > 0) {
            await fh.writev(held.splice(0));
          }
          // Verified as it arrived; nothing is placed before the check.
          const streamed = fh !== undefined;
          if (fh) {
            await fh.close();
            fh = undefined;
          }
          const actual = hash.digest('hex');
          if (actual !== id || (size !== undefined && bytes !== size)) throw corrupt(actual, bytes);
          if (streamed) {
            await chmod(tmp, mode);
            return undefined;
          }
          return Buffer.concat(held, bytes);
        } finally {
          await fh?.close();
        }
      },
      {
        retries: 3,
        baseDelayMs: 250,
        isRetryable: isRetryableS3,
        onRetry: ({ attempt, error }) => ctx.rt.log.warn(`download of ${where} failed (${String(error)}); retry ${attempt}`),
      },
    );
    let st: Stats;
    if (placed) {
      // Small: one synchronous write of bytes already verified, then the same bytes into the cache.
      await ctx.ensureDir(path.dirname(target));
      writeFileSync(tmp, placed, { mode });
      // The umask may have dropped the exec bit; plain files are fine as created.
      if (mode & 0o111) chmodSync(tmp, mode);
      renameSync(tmp, target);
      st = statSync(target);
      // Known absent from the cache a moment ago: write without asking again.
      if (ctx.options.keepCache !== false) await ctx.cache.insertBytes(id, placed, true);
    } else {
      await rename(tmp, target);
      st = statSync(target);
      if (ctx.options.keepCache !== false) await ctx.cache.insertFile(id, target, st.size);
    }
    ctx.hashes.remember(target, st, id);
    // The remote has it, verified: a later status or push need not ask again.
    (await ctx.index()).add([key]);
    return { downloaded: true, size: st.size };
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
