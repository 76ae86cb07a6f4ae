import { createHash } from 'node:crypto';
import { UserError } from '@slipway/kit';
import { checkRelpath } from './paths.js';
import { compareCodePoints, pythonString } from './python-json.js';

/** One file of a tracked folder, as a `.dir` object lists it. */
export interface DirEntry {
  md5: string;
  /** POSIX path inside the folder. */
  relpath: string;
}

/** A folder's `.dir` object: its exact bytes and its id (`<md5>.dir`). */
export interface DirObject {
  id: string;
  bytes: Buffer;
  entries: DirEntry[];
}

/**
 * Serialises a folder listing the way DVC 3 does: entries sorted by `relpath` in code point order,
 * then `json.dumps(…, sort_keys=True)`. The id is the MD5 of those bytes plus `.dir`.
 */
export function buildDirObject(entries: readonly DirEntry[]): DirObject {
  const sorted = entries.map((e) => ({ md5: e.md5, relpath: e.relpath })).sort((a, b) => compareCodePoints(a.relpath, b.relpath));
  // What pythonJsonDumps(sorted) gives, written directly: keys are always md5 then relpath.
  const bytes = Buffer.from(`[${sorted.map((e) => `{"md5": ${pythonString(e.md5)}, "relpath": ${pythonString(e.relpath)}}`).join(', ')}]`, 'utf8');
  return { id: `${createHash('md5').update(bytes).digest('hex')}.dir`, bytes, entries: sorted };
}

/**
 * Reads a `.dir` object fetched from a cache or remote. Its bytes must hash to `id`, and every
 * `relpath` must stay inside the folder: a hostile remote must not write outside it.
 */
export function parseDirObject(id: string, bytes: Buffer, source: string): DirObject {
  const actual = `${createHash('md5').update(bytes).digest('hex')}.dir`;
  if (actual !== id) {
    throw new UserError(`${source}: the .dir object ${id} is corrupt (its content hashes to ${actual}); nothing was written`, {
      hint: 'push it again from a machine that has the folder, or delete the damaged object',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UserError(`${source}: the .dir object ${id} is not JSON`, { hint: 'push it again from a machine that has the folder' });
  }
  if (!Array.isArray(data)) throw new UserError(`${source}: the .dir object ${id} is not a list of entries`);
  const entries = data.map((raw: unknown, i): DirEntry => {
    const e = raw as Partial<DirEntry> | null;
    if (!e || typeof e.md5 !== 'string' || !/^[0-9a-f]{32}$/.test(e.md5) || typeof e.relpath !== 'string') {
      throw new UserError(`${source}: entry ${i} of the .dir object ${id} needs "md5" (32 hex digits) and "relpath"`);
    }
    const problem = checkRelpath(e.relpath);
    if (problem) {
      throw new UserError(`${source}: entry ${i} of the .dir object ${id} has relpath "${e.relpath}", which ${problem}; nothing was written`, {
        hint: 'the remote holds a hostile or damaged listing: delete it and push the folder again',
      });
    }
    return { md5: e.md5, relpath: e.relpath };
  });
  return { id, bytes, entries };
}
