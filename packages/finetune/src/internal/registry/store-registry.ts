import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '@slipway/release';
import { ENTRY_SCHEMA, type ModelRegistry, type NewEntry, type RegistryEntry } from './registry.js';

/**
 * The embedded-default registry, in the artifact store's folder: `registry/<name>/<version>.json`,
 * versions 1, 2, …. Each version is created with an exclusive write, so two runs registering at
 * once get different versions instead of one overwriting the other.
 */
export class StoreRegistry implements ModelRegistry {
  readonly kind = 'store' as const;
  constructor(private readonly root: string) {}

  get display(): string {
    return `file://${path.join(this.root, 'registry')}`;
  }

  async register(entry: NewEntry): Promise<{ version: string; url: string }> {
    const dir = path.join(this.root, 'registry', entry.name);
    await mkdir(dir, { recursive: true });
    // Claim the next number; a loser of a race reads again and claims the one after, so no gaps.
    for (let attempt = 0; attempt < 100; attempt++) {
      const taken = (await readdir(dir)).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number.parseInt(f, 10));
      const version = String(Math.max(0, ...taken) + 1);
      const file = path.join(dir, `${version}.json`);
      const full: RegistryEntry = { schema: ENTRY_SCHEMA, ...entry, version };
      try {
        await writeFile(file, canonicalJson(full), { flag: 'wx' });
        return { version, url: `file://${file}` };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error(`could not claim a version of ${entry.name} in ${dir}: too many concurrent registrations`);
  }

  /** Every version of `name`, oldest first. */
  async versions(name: string): Promise<RegistryEntry[]> {
    const dir = path.join(this.root, 'registry', name);
    const files = await readdir(dir).catch(() => [] as string[]);
    const numbered = files.filter((f) => /^\d+\.json$/.test(f)).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    return Promise.all(numbered.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as RegistryEntry));
  }

  /** The newest version of `name` in `stage`, if any. */
  async latest(name: string, stage?: string): Promise<RegistryEntry | undefined> {
    return (await this.versions(name)).filter((e) => stage === undefined || e.stage === stage).at(-1);
  }
}
