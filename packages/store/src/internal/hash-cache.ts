import { type Stats, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileHash, Hasher } from './md5.js';

type Entry = [size: number, mtimeMs: number, ino: number, md5: string];

/**
 * Remembers each file's MD5 under its path, size, mtime and inode, so an unchanged file is never
 * hashed twice. Lives in `.slipway/state/hashes.json`; a stale or foreign entry is just a miss.
 */
export class HashCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(stateDir: string): Promise<HashCache> {
    const file = path.join(stateDir, 'hashes.json');
    const entries = new Map<string, Entry>();
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, Entry>;
      for (const [k, v] of Object.entries(data)) if (Array.isArray(v) && v.length === 4) entries.set(k, v);
    } catch {
      // Missing or damaged: start empty, the next save repairs it.
    }
    return new HashCache(file, entries);
  }

  /** The remembered MD5 when `st` still describes the file that was hashed. */
  lookup(abs: string, st: Stats): string | undefined {
    const e = this.entries.get(abs);
    if (!e) return undefined;
    return e[0] === st.size && e[1] === st.mtimeMs && e[2] === st.ino ? e[3] : undefined;
  }

  remember(abs: string, st: Stats, md5: string): void {
    this.rememberRaw(abs, st.size, st.mtimeMs, st.ino, md5);
  }

  /** As `remember`, from the fields a worker thread sent back. */
  rememberRaw(abs: string, size: number, mtimeMs: number, ino: number, md5: string): void {
    this.entries.set(abs, [size, mtimeMs, ino, md5]);
    this.dirty = true;
  }

  /** The file's MD5, from memory when unchanged, else hashed (and remembered). */
  async hash(abs: string, hasher: Hasher, st?: Stats): Promise<FileHash> {
    const before = st ?? statSync(abs);
    const known = this.lookup(abs, before);
    if (known !== undefined) return { md5: known, size: before.size };
    const h = await hasher.hashFile(abs, before.size);
    // Changed while we read it: the hash describes no version on disk, so do not keep it.
    const after = statSync(abs);
    if (after.size === before.size && after.mtimeMs === before.mtimeMs && after.ino === before.ino) this.remember(abs, after, h.md5);
    return h;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(this.entries)));
    await rename(tmp, this.file);
    this.dirty = false;
  }
}
