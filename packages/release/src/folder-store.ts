import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, UserError } from '@slipway/kit';
import { canonicalJson, contentDigest } from './canonical-json.js';
import type { ReleaseStore } from './history.js';
import { type HistoryEntry, historyEntrySchema, type Release, releaseSchema } from './record.js';

/**
 * The embedded-default {@link ReleaseStore}: `releases/<hex>.json` and
 * `environments/<env>.jsonl` (one entry a line, appended) under a folder.
 */
export class FolderReleaseStore implements ReleaseStore {
  constructor(private readonly root: string) {}

  async putRelease(release: Release): Promise<string> {
    const id = contentDigest(release);
    const file = this.releaseFile(id);
    await mkdir(path.dirname(file), { recursive: true });
    // Write beside, then rename: a reader never sees half a record.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, canonicalJson(release));
    await rename(tmp, file);
    return id;
  }

  async getRelease(id: string): Promise<Release | undefined> {
    let text: string;
    try {
      text = await readFile(this.releaseFile(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const release = releaseSchema.parse(JSON.parse(text));
    if (contentDigest(release) !== id) throw new Error(`release ${id} does not match its content: the store is corrupt`);
    return release;
  }

  async append(entry: HistoryEntry): Promise<void> {
    const valid = historyEntrySchema.parse(entry);
    const file = this.historyFile(valid.environment);
    await mkdir(path.dirname(file), { recursive: true });
    // One write with O_APPEND per entry: concurrent appenders interleave whole lines.
    await appendFile(file, `${canonicalJson(valid)}\n`);
  }

  async history(environment: string): Promise<HistoryEntry[]> {
    const file = this.historyFile(environment);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .map((line, i) => ({ line, n: i + 1 }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, n }) => {
        const parsed = historyEntrySchema.safeParse(safeJson(line));
        if (!parsed.success) {
          throw new ConfigError([{ location: { file, line: n }, message: `not a valid history entry: ${parsed.error.issues[0]?.message ?? 'bad JSON'}` }]);
        }
        return parsed.data;
      });
  }

  private releaseFile(id: string): string {
    const hex = id.replace(/^sha256:/, '');
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new UserError(`"${id}" is not a release id`, { hint: 'use sha256:<64 hex digits>' });
    return path.join(this.root, 'releases', `${hex}.json`);
  }

  private historyFile(environment: string): string {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(environment)) {
      throw new UserError(`"${environment}" is not an environment name`, { hint: 'use letters, digits, dot, dash and underscore, e.g. production' });
    }
    return path.join(this.root, 'environments', `${environment}.jsonl`);
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
