import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '@slipway/kit';

/** Why a `.dir` relpath or pointer path is unsafe, or undefined when it is fine. */
export function checkRelpath(p: string): string | undefined {
  if (p === '') return 'is empty';
  if (p.includes('\0')) return 'contains a NUL byte';
  if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\')) return 'is absolute';
  const parts = p.split(/[\\/]/);
  if (parts.includes('..')) return 'climbs out with ".."';
  return undefined;
}

/**
 * Resolves a path the user named (CLI argument, input, config, pointer) inside `root`.
 * Refuses absolute paths, `..` that leaves the root, and symlinks whose target is outside it.
 */
export async function resolveInside(root: string, p: string, where: string): Promise<{ abs: string; rel: string }> {
  const hint = 'name a path inside the repository, relative to its root, without ".."';
  if (path.isAbsolute(p)) {
    // An absolute path that happens to lie inside the repository is accepted, as DVC does.
    const rel = path.relative(root, p);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UserError(`${where}: "${p}" is outside the repository ${root}`, { hint });
    return resolveInside(root, rel, where);
  }
  const abs = path.resolve(root, p);
  const rel = path.relative(root, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new UserError(`${where}: "${p}" ${rel === '' ? 'is the repository root itself' : 'escapes the repository'}`, { hint });
  }
  await assertNoSymlinkEscape(root, abs, where, p);
  return { abs, rel: rel.split(path.sep).join('/') };
}

/** Follows the longest existing prefix of `abs` through symlinks and checks it stays in `root`. */
export async function assertNoSymlinkEscape(root: string, abs: string, where: string, shown: string): Promise<void> {
  const realRoot = await realpath(root);
  let probe = abs;
  for (;;) {
    try {
      const real = await realpath(probe);
      const rel = path.relative(realRoot, real);
      if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
        throw new UserError(`${where}: "${shown}" leads through a symlink to ${real}, outside the repository`, {
          hint: 'track the real files inside the repository instead of a link to them',
        });
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = path.dirname(probe);
      if (parent === probe) return;
      probe = parent;
    }
  }
}

/** A POSIX relative path as the OS path below `base`. */
export function fromPosix(base: string, rel: string): string {
  return path.join(base, ...rel.split('/'));
}
