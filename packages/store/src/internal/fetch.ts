import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, renameSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { chmod, copyFile, type FileHandle, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { retry, UserError } from '@slipway/kit';
import type { StoreContext } from './context.js';
import { isMissing } from './objects.js';
import { objectKey } from './remote.js';
import { isRetryableS3 } from './s3-retry.js';

/** A remote object whose bytes do not match its name. Never placed. */
export class IntegrityError extends UserError {
  override name = 'IntegrityError';
}

/** Objects up to this size are held in memory and written with one call; bigger ones stream to disk. */
const IN_MEMORY = 1024 * 1024;
const WRITE_BATCH = 4 * 1024 * 1024;

/**
 * Places object `id` at `target`: copied from the local cache when there, else downloaded with its
 * MD5 checked on the way. Either way it is written under a temporary name and renamed, so the
 * target is complete or absent. Returns whether it came over the network.
 */
export async function placeObject(
  ctx: StoreContext,
  id: string,
  size: number | undefined,
  target: string,
  options: { isexec?: boolean; shown: string },
): Promise<{ downloaded: boolean; size: number }> {
  const tmp = `${target}.slipway-tmp-${randomBytes(6).toString('hex')}`;
  const mode = options.isexec ? 0o755 : 0o644;
  try {
    const cachedSize = ctx.cache.sizeOf(id, size);
    if (cachedSize !== undefined) {
      await ctx.ensureDir(path.dirname(target));
      if (cachedSize <= IN_MEMORY) {
        copyFileSync(ctx.cache.pathOf(id), tmp);
        chmodSync(tmp, mode);
        renameSync(tmp, target);
      } else {
        await copyFile(ctx.cache.pathOf(id), tmp);
        await chmod(tmp, mode);
        await rename(tmp, target);
      }
      ctx.hashes.remember(target, statSync(target), id);
      return { downloaded: false, size: cachedSize };
    }
    const remote = await ctx.remote();
    const key = objectKey(id);
    const where = `${remote.display}/${key}`;
    const placed = await retry(
      async () => {
        let body: AsyncIterable<Buffer>;
        try {
          body = (await remote.open(key)) as AsyncIterable<Buffer>;
        } catch (error) {
          if (isMissing(error)) {
            throw new UserError(`object ${id} of ${options.shown} is missing from the remote (${where})`, { hint: 'push it from a machine that has it' });
          }
          throw error;
        }
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
          if (actual !== id || (size !== undefined && bytes !== size)) {
            throw new IntegrityError(
              `remote object ${where} for ${options.shown} is corrupt: its bytes hash to ${actual} (${bytes} bytes); nothing was written`,
              {
                hint: 'delete that object from the remote and push it again from a good copy',
              },
            );
          }
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
      if (options.isexec) chmodSync(tmp, mode);
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
