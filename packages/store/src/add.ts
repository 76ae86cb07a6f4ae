import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type Runtime, UserError } from '@slipway/kit';
import { StoreContext, type StoreOptions } from './internal/context.js';
import { resolveInside } from './internal/paths.js';
import { formatPointer, POINTER_SUFFIX } from './internal/pointer.js';
import { runAll } from './internal/run-all.js';
import { hashPath } from './internal/scan.js';
import { finishResult, newPathResult, type PathResult, pointersDigest, type SyncResult } from './result.js';

/** Folders that hold Slipway's or git's own state: never tracked. */
const RESERVED = ['.git', '.slipway', '.dvc'];

/**
 * `slipway artifacts add`: hashes each path (unchanged files come from the hash cache), copies the
 * content into the local object cache, writes a DVC 3 pointer `<path>.dvc` beside it and adds the
 * path to the `.gitignore` of its folder. Every path is checked before anything is written.
 */
export async function addArtifacts(rt: Runtime, options: StoreOptions): Promise<SyncResult> {
  const paths = options.paths ?? [];
  if (paths.length === 0) throw new InputError('paths', 'name at least one file or folder to track', { hint: 'e.g. slipway artifacts add models/adapter' });
  const ctx = await StoreContext.open(rt, options);
  try {
    const resolved: { abs: string; rel: string }[] = [];
    for (const p of paths) {
      const r = await resolveInside(ctx.root, p, `path "${p}"`);
      if (RESERVED.some((d) => r.rel === d || r.rel.startsWith(`${d}/`)))
        throw new UserError(`path "${p}" is inside ${r.rel.split('/')[0]}/, which holds tool state`, { hint: 'track your own files and folders' });
      if (r.rel.endsWith(POINTER_SUFFIX))
        throw new UserError(`path "${p}" is a pointer file`, { hint: `name the tracked path: ${r.rel.slice(0, -POINTER_SUFFIX.length)}` });
      let isDir: boolean;
      try {
        isDir = (await stat(r.abs)).isDirectory();
      } catch {
        throw new UserError(`path "${p}" does not exist`, { hint: 'check the spelling; paths are relative to the repository root' });
      }
      const hiddenBy = ctx.ignores.ignoredAlongPath(r.rel, isDir);
      if (hiddenBy)
        throw new UserError(`path "${p}" is ignored by ${hiddenBy}`, { hint: `remove the pattern from ${hiddenBy.split(' ')[0]}, or track another path` });
      resolved.push(r);
    }
    const results: PathResult[] = [];
    const texts: { pointerRel: string; pointerText: string }[] = [];
    for (const r of resolved) {
      const progress = rt.progress(`hashing ${r.rel}`);
      const h = await hashPath(ctx, r.abs);
      if (!h) throw new UserError(`path "${r.rel}" disappeared while it was being added`);
      progress.setTotal(h.files.length);
      await runAll(h.files, 16, async (f) => {
        await ctx.cache.insertFile(f.md5, f.abs, f.size);
        progress.tick();
      });
      if (h.dir) await ctx.cache.insertBytes(h.dir.id, h.dir.bytes);
      progress.done(`${h.files.length} file(s)`);
      const out = {
        md5: h.md5,
        size: h.size,
        path: path.basename(r.abs),
        ...(h.nfiles !== undefined ? { nfiles: h.nfiles } : {}),
        ...(h.isexec ? { isexec: true } : {}),
      };
      const text = formatPointer([out]);
      const pointerAbs = `${r.abs}${POINTER_SUFFIX}`;
      await writeAtomic(pointerAbs, text);
      await ignoreInGit(path.dirname(r.abs), path.basename(r.abs));
      const pointerRel = `${r.rel}${POINTER_SUFFIX}`;
      texts.push({ pointerRel, pointerText: text });
      const tracked = { pointerFile: pointerAbs, pointerRel, pointerText: text, out: { ...out, line: 2 }, abs: r.abs, rel: r.rel };
      const result = newPathResult(tracked, 'added');
      results.push(result);
      rt.log.info(`added ${r.rel} (${h.kind}, ${h.files.length} file(s), md5 ${h.md5}) -> ${pointerRel}`);
    }
    return finishResult('add', '', results, pointersDigest(texts));
  } finally {
    await ctx.close();
  }
}

/** Writes beside and renames, so a pointer is never half written. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.slipway-tmp-${randomBytes(6).toString('hex')}`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Adds `/name` to `dir/.gitignore` unless a line already ignores it, as `dvc add` does. */
async function ignoreInGit(dir: string, name: string): Promise<void> {
  const file = path.join(dir, '.gitignore');
  const text = await readFile(file, 'utf8').catch(() => '');
  const entry = `/${name}`;
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(entry) || lines.includes(name) || lines.includes(`${entry}/`)) return;
  await writeAtomic(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${entry}\n`);
}
