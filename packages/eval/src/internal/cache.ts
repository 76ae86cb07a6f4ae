import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** use: read and write; off: neither (`--no-cache`); only: replay, never call a model (`--cache-only`). */
export type CacheMode = 'use' | 'off' | 'only';

/**
 * Model answers on disk, one small JSON file per key, so a cache folder can be saved and restored
 * whole (`@actions/cache`, the artifact store) and merged across shards without conflicts.
 * Judge verdicts live under their own prefix: changing a rubric never invalidates answers.
 */
export class ResponseCache {
  hits = 0;
  misses = 0;

  constructor(
    readonly dir: string,
    readonly mode: CacheMode,
  ) {}

  /** The key of one call: everything that can change the answer, and the repeat index. */
  static key(parts: Record<string, unknown>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  private file(kind: 'answers' | 'judge', key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.json`);
  }

  async get<T>(kind: 'answers' | 'judge', key: string): Promise<T | undefined> {
    if (this.mode === 'off') return undefined;
    try {
      const value = JSON.parse(await readFile(this.file(kind, key), 'utf8')) as T;
      this.hits++;
      return value;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  async set(kind: 'answers' | 'judge', key: string, value: unknown): Promise<void> {
    if (this.mode !== 'use') return;
    const file = this.file(kind, key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash or a parallel shard never leaves half a file behind.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, JSON.stringify(value));
    await rename(tmp, file);
  }
}
