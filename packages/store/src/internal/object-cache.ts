import { randomBytes } from 'node:crypto';
import { constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { objectKey } from './remote.js';

/**
 * The local object cache: the same `files/md5/<2>/<30>` layout as DVC 3's `.dvc/cache`, so one
 * can point at the other. Objects are written whole under a temporary name, then made
 * read-only and renamed into place.
 */
export class ObjectCache {
  /** Folders this run has already made: one mkdir per folder, not per object. */
  private readonly made = new Set<string>();
  private reflinksPromise: Promise<boolean> | undefined;

  constructor(readonly dir: string) {}

  /** Records that `dir` exists (another thread made it). */
  noteDir(dir: string): void {
    this.made.add(dir);
  }

  pathOf(id: string): string {
    return path.join(this.dir, ...objectKey(id).split('/'));
  }

  /**
   * The object's size when it is there (and has `size` bytes, when given), else undefined.
   * Synchronous on purpose: for thousands of small objects a promise per stat costs more than the stat.
   */
  sizeOf(id: string, size?: number): number | undefined {
    const st = statSync(this.pathOf(id), { throwIfNoEntry: false });
    if (!st || (size !== undefined && st.size !== size)) return undefined;
    return st.size;
  }

  /** True when the object is there (and has `size` bytes, when given). */
  async has(id: string, size?: number): Promise<boolean> {
    try {
      const st = await stat(this.pathOf(id));
      return size === undefined || st.size === size;
    } catch {
      return false;
    }
  }

  /**
   * Whether the cache's file system clones files (btrfs, XFS): asked once, with a file of one byte in
   * the cache folder or, before it exists, the nearest folder above it (nothing is created for it).
   */
  reflinks(): Promise<boolean> {
    this.reflinksPromise ??= (async () => {
      let at = this.dir;
      while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
      const probe = path.join(at, `.slipway-reflink-probe-${randomBytes(6).toString('hex')}`);
      try {
        await writeFile(probe, 'x');
        await copyFile(probe, `${probe}.clone`, constants.COPYFILE_FICLONE_FORCE);
        return true;
      } catch {
        return false;
      } finally {
        await Promise.all([rm(probe, { force: true }), rm(`${probe}.clone`, { force: true })]);
      }
    })();
    return this.reflinksPromise;
  }

  /** Copies `src` in (a reflink where the file system offers one); a no-op when present. */
  async insertFile(id: string, src: string, size?: number): Promise<void> {
    if (await this.has(id, size)) return;
    await this.place(id, (tmp) => copyFile(src, tmp, constants.COPYFILE_FICLONE));
  }

  /** Moves `file`, already verified to hold the object, in; `file` is gone afterwards either way. */
  async adoptFile(id: string, file: string): Promise<void> {
    if (await this.has(id)) {
      await rm(file, { force: true });
      return;
    }
    await this.place(id, async (tmp) => {
      try {
        await rename(file, tmp);
      } catch (error) {
        // The cache sits on another file system: copy, then drop the mirror.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await copyFile(file, tmp, constants.COPYFILE_FICLONE);
        await rm(file, { force: true });
      }
    });
  }

  insertBytes(id: string, bytes: Buffer, knownAbsent = false): Promise<void> {
    if (!knownAbsent && this.sizeOf(id, bytes.length) !== undefined) return Promise.resolve();
    // Small and already in memory: synchronous calls beat a round of promises per file.
    const target = this.pathOf(id);
    const parent = path.dirname(target);
    if (!this.made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      this.made.add(parent);
    }
    const tmp = `${target}.slipway-tmp-${randomBytes(6).toString('hex')}`;
    try {
      writeFileSync(tmp, bytes, { mode: 0o444 });
      renameSync(tmp, target);
    } catch (error) {
      rmSync(tmp, { force: true });
      return Promise.reject(error);
    }
    return Promise.resolve();
  }

  async read(id: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(id));
    } catch {
      return undefined;
    }
  }

  /** Every object id in the cache. */
  async ids(): Promise<string[]> {
    const base = path.join(this.dir, 'files', 'md5');
    const out: string[] = [];
    for (const d of await readdir(base).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const f of await readdir(path.join(base, d)).catch(() => [] as string[])) {
        if (/^[0-9a-f]{30}(\.dir)?$/.test(f)) out.push(`${d}${f}`);
      }
    }
    return out;
  }

  async remove(id: string): Promise<void> {
    await unlink(this.pathOf(id)).catch(() => undefined);
  }

  private async place(id: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(id);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.slipway-tmp-${randomBytes(6).toString('hex')}`;
    try {
      await write(tmp);
      // Read-only, as DVC keeps its cache: an editor that opens a linked copy cannot change history.
      await chmod(tmp, 0o444);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }
}
