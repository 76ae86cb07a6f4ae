import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Keys this machine has seen on a remote (uploaded, listed or found by HEAD). A push or status
 * skips asking about them; `gc` on the remote clears the list. Append-only, so racing runs only add.
 */
export class RemoteIndex {
  private readonly fresh: string[] = [];

  private constructor(
    private readonly file: string,
    readonly known: Set<string>,
  ) {}

  static async open(stateDir: string, remoteDisplay: string): Promise<RemoteIndex> {
    const file = path.join(stateDir, 'remotes', `${createHash('sha256').update(remoteDisplay).digest('hex').slice(0, 24)}.txt`);
    const text = await readFile(file, 'utf8').catch(() => '');
    return new RemoteIndex(file, new Set(text.split('\n').filter(Boolean)));
  }

  add(keys: Iterable<string>): void {
    for (const k of keys) {
      if (this.known.has(k)) continue;
      this.known.add(k);
      this.fresh.push(k);
    }
  }

  async save(): Promise<void> {
    if (this.fresh.length === 0) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const lines = `${this.fresh.splice(0).join('\n')}\n`;
    await appendFile(this.file, lines);
  }

  async clear(): Promise<void> {
    this.known.clear();
    this.fresh.length = 0;
    await rm(this.file, { force: true });
  }
}
