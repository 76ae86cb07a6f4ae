import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '@slipway/kit';
import ignore from 'ignore';

type Ignore = ReturnType<typeof ignore>;

export const DVCIGNORE = '.dvcignore';

/**
 * The `.dvcignore` files of a repository, as DVC applies them: gitignore syntax, one file in the root
 * or in any folder above what is tracked, each matching paths relative to its own folder, a deeper
 * file overriding a shallower one. Ignored files do not exist for add, status and push: they are
 * left out of a folder's listing, and pointers below an ignored folder are not found.
 */
export class DvcIgnore {
  /** Loaded `.dvcignore` per folder (POSIX, relative to the root; '' is the root); null when there is none. */
  private readonly files = new Map<string, Ignore | null>();

  constructor(private readonly root: string) {}

  /**
   * True when `rel` (POSIX, relative to the root) is ignored. Its ancestors are not consulted: callers
   * that walk down stop at an ignored folder; `ignoredAlongPath` checks a path named directly.
   */
  isIgnored(rel: string, isDir: boolean): boolean {
    return this.verdict(rel, isDir) !== undefined;
  }

  /** The `.dvcignore` that hides `rel` or one of the folders above it, or undefined when nothing does. */
  ignoredAlongPath(rel: string, isDir: boolean): string | undefined {
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const by = this.verdict(parts.slice(0, i).join('/'), i < parts.length || isDir);
      if (by !== undefined) return by;
    }
    return undefined;
  }

  /**
   * A matcher for paths below the tracked folder `trackedRel`, or undefined when no `.dvcignore` above it
   * has rules (the common case: nothing to test per file). Inside a tracked folder there are none to
   * consult (they are refused), so the files above it are all that count.
   */
  matcherBelow(trackedRel: string): ((rel: string, isDir: boolean) => boolean) | undefined {
    const parts = trackedRel.split('/');
    let any = false;
    for (let depth = 0; depth < parts.length && !any; depth++) any = this.load(parts.slice(0, depth).join('/')) !== null;
    return any ? (rel, isDir) => this.isIgnored(rel, isDir) : undefined;
  }

  /** Fails when a tracked folder holds a `.dvcignore` (DVC refuses it too: patterns belong above the folder). */
  static refuseInside(trackedRel: string, fileRel: string): never {
    throw new UserError(`${fileRel}: a ${DVCIGNORE} inside the tracked folder ${trackedRel} is not allowed`, {
      hint: `move its patterns to a ${DVCIGNORE} above ${trackedRel} (e.g. the repository root), with paths relative to that file`,
    });
  }

  private verdict(rel: string, isDir: boolean): string | undefined {
    const parts = rel.split('/');
    let by: string | undefined;
    // Root first, then each folder down to the entry's parent: the deepest file that has a say wins.
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const ig = this.load(dir);
      if (!ig) continue;
      const sub = parts.slice(depth).join('/');
      const r = ig.test(isDir ? `${sub}/` : sub);
      if (r.ignored) by = `${dir ? `${dir}/${DVCIGNORE}` : DVCIGNORE} (pattern "${r.rule?.pattern ?? '?'}")`;
      else if (r.unignored) by = undefined;
    }
    return by;
  }

  private load(dir: string): Ignore | null {
    let ig = this.files.get(dir);
    if (ig !== undefined) return ig;
    let text: string | undefined;
    try {
      text = readFileSync(path.join(this.root, ...(dir ? dir.split('/') : []), DVCIGNORE), 'utf8');
    } catch {
      text = undefined;
    }
    ig = text === undefined ? null : ignore().add(text);
    this.files.set(dir, ig);
    return ig;
  }
}
