import { createHash } from 'node:crypto';
import path from 'node:path';
import { mapLimit, type Runtime, UserError } from '@slipway/kit';
import type { HistoryEntry, Release, ReleaseStore } from '@slipway/release';
import { isMissing } from './internal/objects.js';
import type { Remote } from './internal/remote.js';
import { parseRemote, type S3Options } from './internal/settings.js';

// Loaded when a release is read or written: its schemas bring zod, which a pull or push never needs.
const releases = () => import('@slipway/release');

/**
 * The release history in a bucket: `releases/<sha256>.json` (canonical JSON, content-addressed) and
 * one object per history entry under `environments/<env>/`, named `<time>-<digest>.json`. S3 has no
 * append, so each entry is its own conditional write: racing writers never overwrite each other,
 * and a listing in key order is the history in time order.
 */
export class RemoteReleaseStore implements ReleaseStore {
  constructor(private readonly remote: Remote) {}

  async putRelease(release: Release): Promise<string> {
    const { canonicalJson, contentDigest, releaseSchema } = await releases();
    const valid = releaseSchema.parse(release);
    const id = contentDigest(valid);
    const bytes = Buffer.from(canonicalJson(valid));
    await this.remote.uploadBytes(releaseKey(id), bytes, { md5: md5(bytes), size: bytes.length });
    return id;
  }

  async getRelease(id: string): Promise<Release | undefined> {
    const text = await this.read(releaseKey(id));
    if (text === undefined) return undefined;
    const { contentDigest, releaseSchema } = await releases();
    const release = releaseSchema.parse(JSON.parse(text));
    if (contentDigest(release) !== id) throw new UserError(`release ${id} on ${this.remote.display} does not match its content: the store is corrupt`);
    return release;
  }

  async append(entry: HistoryEntry): Promise<void> {
    const { canonicalJson, historyEntrySchema } = await releases();
    const valid = historyEntrySchema.parse(entry);
    const bytes = Buffer.from(canonicalJson(valid));
    const stamp = valid.at.replace(/[^0-9TZ]/g, '');
    const key = `${environmentPrefix(valid.environment)}${stamp}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.json`;
    await this.remote.uploadBytes(key, bytes, { md5: md5(bytes), size: bytes.length });
  }

  async history(environment: string): Promise<HistoryEntry[]> {
    const { historyEntrySchema } = await releases();
    const keys = (await this.remote.list(environmentPrefix(environment))).filter((k) => k.endsWith('.json')).sort();
    const texts = await mapLimit(keys, 16, (k) => this.read(k));
    return texts.flatMap((text, i) => {
      if (text === undefined) return [];
      const parsed = historyEntrySchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new UserError(`${this.remote.display}/${keys[i]}: not a valid history entry`);
      return [parsed.data];
    });
  }

  close(): Promise<void> {
    return this.remote.close();
  }

  private async read(key: string): Promise<string | undefined> {
    try {
      const chunks: Buffer[] = [];
      for await (const c of await this.remote.open(key)) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}

/**
 * The release store at `url`: `file://` gives `@slipway/release`'s folder store, `s3://bucket/prefix`
 * the bucket store above (default credential chain, same S3 options as artifacts).
 */
export async function openReleaseStore(rt: Runtime, url: string, s3: S3Options = {}): Promise<ReleaseStore & { close(): Promise<void> }> {
  const spec = parseRemote(url, rt.cwd, 'release store', s3);
  if (spec.kind === 'folder') {
    const { FolderReleaseStore } = await releases();
    return Object.assign(new FolderReleaseStore(spec.root), { close: async () => {} });
  }
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    const value = process.env[name];
    if (value) rt.setSecret(value);
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { S3Remote } = await import('./internal/s3-remote.js');
  const remote = new S3Remote({ bucket: spec.bucket, prefix: spec.prefix, ...spec.s3, jobs: 8, stateDir: path.join(rt.cwd, '.slipway', 'state'), log: rt.log });
  await remote.check();
  return new RemoteReleaseStore(remote);
}

function releaseKey(id: string): string {
  const hex = id.replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError(`not a release id: ${id}`);
  return `releases/${hex}.json`;
}

function environmentPrefix(environment: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(environment)) throw new TypeError(`not an environment name: ${environment}`);
  return `environments/${environment}/`;
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}
