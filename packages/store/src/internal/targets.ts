import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '@slipway/kit';
import type { StoreContext } from './context.js';
import type { DvcIgnore } from './dvcignore.js';
import { resolveInside } from './paths.js';
import { POINTER_SUFFIX, type PointerOut, parsePointer } from './pointer.js';

/** One output of one pointer file, with where it lives in the workspace. */
export interface Tracked {
  pointerFile: string;
  /** Pointer path relative to the repository, POSIX. */
  pointerRel: string;
  pointerText: string;
  out: PointerOut;
  /** The tracked file or folder. */
  abs: string;
  rel: string;
}

/** Folders never searched for pointers. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.slipway', '.dvc']);

/**
 * The pointers to act on: those for `paths` (a path or its `.dvc` file), else `artifacts.paths`
 * from `slipway.yml`, else every `.dvc` file in the repository.
 */
export async function findTargets(ctx: StoreContext, paths: readonly string[] | undefined, where = 'path'): Promise<Tracked[]> {
  const named = paths && paths.length > 0 ? paths : ctx.settings.paths;
  const pointerFiles: { abs: string; rel: string; named?: string }[] = [];
  if (named.length > 0) {
    for (const p of named) {
      const pointer = p.endsWith(POINTER_SUFFIX) ? p : `${p.replace(/[\\/]+$/, '')}${POINTER_SUFFIX}`;
      const r = await resolveInside(ctx.root, pointer, `${where} "${p}"`);
      pointerFiles.push({ ...r, named: p });
    }
  } else {
    for (const rel of await findPointerFiles(ctx.root, ctx.ignores)) pointerFiles.push({ abs: path.join(ctx.root, rel), rel });
  }
  const out: Tracked[] = [];
  const seen = new Set<string>();
  for (const pf of pointerFiles) {
    if (seen.has(pf.abs)) continue;
    seen.add(pf.abs);
    let text: string;
    try {
      text = await readFile(pf.abs, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new UserError(`${where} "${pf.named ?? pf.rel}" is not tracked: ${pf.rel} does not exist`, {
        hint: `run \`slipway artifacts add ${(pf.named ?? pf.rel).replace(/\.dvc$/, '')}\` first`,
      });
    }
    const pointer = parsePointer(text, pf.rel);
    for (const o of pointer.outs) {
      const target = path.posix.join(path.posix.dirname(pf.rel), o.path);
      const r = await resolveInside(ctx.root, target, `${pf.rel}:${o.line}`);
      out.push({ pointerFile: pf.abs, pointerRel: pf.rel, pointerText: text, out: o, abs: r.abs, rel: r.rel });
    }
  }
  return out;
}

/** Every `.dvc` pointer file under `root`, sorted, skipping `.git`, `node_modules`, caches and what `.dvcignore` hides. */
export async function findPointerFiles(root: string, ignores?: DvcIgnore): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !ignores?.isIgnored(child, true)) await walk(child);
      } else if (e.isFile() && e.name.endsWith(POINTER_SUFFIX) && !ignores?.isIgnored(child, false)) found.push(child);
    }
  };
  await walk('');
  return found.sort();
}
