import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { mapLimit } from '@slipway/kit';
import type { DownloadSource } from './download-pool.js';
import type { ObjectInfo, Remote, UploadOutcome } from './remote.js';

/**
 * A remote in a folder (`file://…`): the embedded default. Writes go to a temporary name and are
 * renamed into place, so a reader or a racing writer sees a whole object or none.
 */
export class FolderRemote implements Remote {
  readonly display: string;

  constructor(private readonly root: string) {
    this.display = `file://${root}`;
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async has(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    await mapLimit(keys, 32, async (k) => {
      if (await exists(this.file(k))) found.add(k);
    });
    return found;
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      const entries = await readdir(path.join(this.root, rel), { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(child);
        else if (e.isFile() && !e.name.includes('.slipway-tmp-')) out.push(child);
      }
    };
    await walk(prefix.replace(/\/$/, ''));
    return out;
  }

  async upload(key: string, file: string, info: ObjectInfo): Promise<UploadOutcome> {
    const target = this.file(key);
    if (await exists(target, info.size)) return 'present';
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.slipway-tmp-${randomBytes(6).toString('hex')}`;
    try {
      await copyFile(file, tmp);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return 'uploaded';
  }

  async uploadBytes(key: string, bytes: Buffer, info: ObjectInfo): Promise<UploadOutcome> {
    const target = this.file(key);
    if (await exists(target, info.size)) return 'present';
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.slipway-tmp-${randomBytes(6).toString('hex')}`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
    return 'uploaded';
  }

  async open(key: string, start = 0): Promise<Readable> {
    const file = this.file(key);
    await stat(file); // a missing object fails here, not midway through a stream
    return createReadStream(file, { start, highWaterMark: 1024 * 1024 });
  }

  source(key: string): Promise<DownloadSource> {
    return Promise.resolve({ path: this.file(key) });
  }

  async delete(keys: readonly string[]): Promise<number> {
    let n = 0;
    for (const k of keys) {
      try {
        await unlink(this.file(k));
        n++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return n;
  }

  async close(): Promise<void> {}

  private file(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}

async function exists(file: string, size?: number): Promise<boolean> {
  try {
    const st = await stat(file);
    return size === undefined || st.size === size;
  } catch {
    return false;
  }
}
