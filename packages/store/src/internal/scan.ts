import { type Stats, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { mapLimit, UserError } from '@slipway/kit';
import type { StoreContext } from './context.js';
import { buildDirObject, type DirObject } from './dir-object.js';
import { DVCIGNORE, DvcIgnore } from './dvcignore.js';
import { assertNoSymlinkEscape } from './paths.js';

/** One file found in a tracked folder. */
export interface ScannedFile {
  relpath: string;
  abs: string;
  stats: Stats;
}

/** A file or folder in the workspace, hashed. */
export interface HashedPath {
  kind: 'file' | 'folder';
  md5: string;
  size: number;
  nfiles?: number;
  isexec?: boolean;
  dir?: DirObject;
  files: { relpath: string; abs: string; md5: string; size: number }[];
}

/** Lists every file below `absDir` (following links that stay in the repository); temporary files are left out. */
export async function scanDir(ctx: StoreContext, absDir: string): Promise<ScannedFile[]> {
  const out: ScannedFile[] = [];
  const tracked = path.relative(ctx.root, absDir).split(path.sep).join('/');
  // What `.dvcignore` hides does not exist for the listing (DVC's rule): not hashed, cached or pushed.
  const matcher = ctx.ignores.matcherBelow(tracked);
  const ignored = matcher ? (relpath: string, isDir: boolean) => matcher(`${tracked}/${relpath}`, isDir) : () => false;
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const files: { abs: string; relpath: string }[] = [];
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const relpath = rel ? `${rel}/${e.name}` : e.name;
      if (e.name.includes('.slipway-tmp-')) continue;
      if (e.name === DVCIGNORE) DvcIgnore.refuseInside(tracked, `${tracked}/${relpath}`);
      if (e.isSymbolicLink()) {
        await assertNoSymlinkEscape(ctx.root, abs, 'tracked folder', path.relative(ctx.root, abs));
        const st = await stat(abs);
        if (ignored(relpath, st.isDirectory())) continue;
        if (st.isDirectory()) await walk(abs, relpath);
        else if (st.isFile()) out.push({ relpath, abs, stats: st });
      } else if (e.isDirectory()) {
        if (!ignored(relpath, true)) await walk(abs, relpath);
      } else if (e.isFile() && !ignored(relpath, false)) files.push({ abs, relpath });
    }
    // Synchronous stats: thousands of small promises cost more main-thread time than the calls.
    for (const f of files) out.push({ ...f, stats: statSync(f.abs) });
  };
  await walk(absDir, '');
  return out;
}

/** Hashes a file or folder in the workspace (unchanged files come from the hash cache), or undefined when absent. */
export async function hashPath(ctx: StoreContext, abs: string): Promise<HashedPath | undefined> {
  let st: Stats;
  try {
    st = await stat(abs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (st.isFile()) {
    const h = await ctx.hashes.hash(abs, ctx.hasher, st);
    const isexec = (st.mode & 0o111) !== 0;
    return { kind: 'file', md5: h.md5, size: h.size, ...(isexec ? { isexec } : {}), files: [{ relpath: '', abs, md5: h.md5, size: h.size }] };
  }
  if (!st.isDirectory())
    throw new UserError(`${path.relative(ctx.root, abs)} is neither a file nor a folder`, { hint: 'track regular files and folders only' });
  const scanned = await scanDir(ctx, abs);
  // Known files answer synchronously; only the rest pay for a promise and a read.
  const files: HashedPath['files'] = [];
  const misses: ScannedFile[] = [];
  for (const f of scanned) {
    const md5 = ctx.hashes.lookup(f.abs, f.stats);
    if (md5 === undefined) misses.push(f);
    else files.push({ relpath: f.relpath, abs: f.abs, md5, size: f.stats.size });
  }
  const hashed = await mapLimit(misses, Math.max(8, ctx.jobs), async (f) => {
    const h = await ctx.hashes.hash(f.abs, ctx.hasher, f.stats);
    return { relpath: f.relpath, abs: f.abs, md5: h.md5, size: h.size };
  });
  files.push(...hashed);
  const dir = buildDirObject(files);
  return { kind: 'folder', md5: dir.id, size: files.reduce((s, f) => s + f.size, 0), nfiles: files.length, dir, files };
}
