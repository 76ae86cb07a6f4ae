import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Runtime } from '@slipway/kit';
import { checkOnFailure } from './check-on-failure.js';
import { DownloadPool } from './download-pool.js';
import { DvcIgnore } from './dvcignore.js';
import { FolderRemote } from './fs-remote.js';
import { HashCache } from './hash-cache.js';
import { Hasher } from './md5.js';
import { ObjectCache } from './object-cache.js';
import type { Remote } from './remote.js';
import { RemoteIndex } from './remote-index.js';
import { loadProjectSettings, type ProjectSettings, requireRemote, type S3Options } from './settings.js';

/** Options every artifact command takes; each front end (CLI flags, action inputs) fills them. */
export interface StoreOptions {
  /** Paths (or their `.dvc` files) to act on; default: `artifacts.paths`, else every pointer in the repository. */
  paths?: readonly string[];
  /** Remote URL; overrides `slipway.yml` and `.dvc/config`. */
  remote?: string;
  /**
   * Parallel transfers (default: `artifacts.jobs`, else 4 × CPU cores, at most 64, for objects over
   * 1 MiB and 16 × CPU cores, at most 64, for smaller ones). Given explicitly, it holds for both.
   */
  jobs?: number;
  /** Local object cache folder, relative to the repository. */
  cacheDir?: string;
  /** `slipway.yml` to read instead of the one in the repository root. */
  configFile?: string;
  s3?: S3Options;
  /** Keep pulled objects in the local cache too (default true). Off on ephemeral runners without `cache: true`. */
  keepCache?: boolean;
  /** Multipart tuning (bytes). */
  multipartThreshold?: number;
  partSize?: number;
  /** For tests: called after each stored part of a multipart upload. */
  afterPart?: (key: string, partNumber: number) => void;
}

/** Everything one command run shares: the repository, its caches, and the remote when one is needed. */
export class StoreContext {
  readonly cache: ObjectCache;
  /** The repository's `.dvcignore` rules. */
  readonly ignores: DvcIgnore;
  readonly stateDir: string;
  readonly hasher = new Hasher();
  /** Transfers of big objects (over 1 MiB) at once. */
  readonly jobs: number;
  /**
   * Transfers of small objects at once. Each costs the store a few file operations that wait on its
   * disk, not on the network: more in flight keeps a store such as s3rver busy on every core.
   */
  readonly smallJobs: number;
  private remotePromise: Promise<Remote> | undefined;
  private indexPromise: Promise<RemoteIndex> | undefined;
  private pool: DownloadPool | undefined;
  private partialsPromise: Promise<Set<string>> | undefined;
  private readonly busy = new Map<string, Promise<unknown>>();

  private constructor(
    readonly rt: Runtime,
    readonly root: string,
    readonly settings: ProjectSettings,
    readonly hashes: HashCache,
    readonly options: StoreOptions,
  ) {
    this.cache = new ObjectCache(settings.cacheDir);
    this.ignores = new DvcIgnore(root);
    this.stateDir = path.join(root, '.slipway', 'state');
    const explicit = options.jobs ?? settings.jobs;
    this.jobs = explicit ?? Math.min(64, 4 * os.availableParallelism());
    this.smallJobs = explicit ?? Math.min(64, 16 * os.availableParallelism());
  }

  static async open(rt: Runtime, options: StoreOptions): Promise<StoreContext> {
    const root = rt.cwd;
    const explicit: Parameters<typeof loadProjectSettings>[1] = {};
    if (options.remote !== undefined) explicit.remote = options.remote;
    if (options.configFile !== undefined) explicit.configFile = options.configFile;
    if (options.cacheDir !== undefined) explicit.cacheDir = options.cacheDir;
    if (options.s3 !== undefined) explicit.s3 = options.s3;
    const settings = await loadProjectSettings(root, explicit);
    const hashes = await HashCache.open(path.join(root, '.slipway', 'state'));
    return new StoreContext(rt, root, settings, hashes, options);
  }

  private readonly madeDirs = new Map<string, Promise<unknown>>();

  /** `mkdir -p` once per folder for this run: thousands of files share a few folders. */
  ensureDir(dir: string): Promise<unknown> {
    let p = this.madeDirs.get(dir);
    if (!p) {
      p = mkdir(dir, { recursive: true });
      this.madeDirs.set(dir, p);
      // A failure is not remembered: the next caller tries again.
      p.catch(() => this.madeDirs.delete(dir));
    }
    return p;
  }

  /** True when a remote is configured, without connecting to it. */
  get hasRemote(): boolean {
    return this.settings.remote !== undefined;
  }

  get remoteDisplay(): string {
    const r = this.settings.remote;
    if (!r) return '';
    return r.kind === 'folder' ? `file://${r.root}` : `s3://${r.bucket}${r.prefix ? `/${r.prefix}` : ''}`;
  }

  /** What this machine knows the remote holds; read without connecting. */
  index(): Promise<RemoteIndex> {
    this.indexPromise ??= (async () => {
      requireRemote(this.settings);
      return RemoteIndex.open(this.stateDir, this.remoteDisplay);
    })();
    return this.indexPromise;
  }

  /** The remote, connected on first use only; an S3 bucket is checked (credentials, bucket) when a request fails, to say why. */
  remote(): Promise<Remote> {
    this.remotePromise ??= (async () => {
      const spec = requireRemote(this.settings);
      let remote: Remote;
      if (spec.kind === 'folder') remote = new FolderRemote(spec.root);
      else {
        // Whatever the credential chain reads from the environment must never reach a log.
        for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
          const value = process.env[name];
          if (value) this.rt.setSecret(value);
        }
        // The SDK warns on every run under Node 20 (Actions runs node24); the warning is not the user's to act on.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        // The SDK is big: load it only when an S3 remote is actually used.
        const { S3Remote } = await import('./s3-remote.js');
        remote = new S3Remote({
          bucket: spec.bucket,
          prefix: spec.prefix,
          ...spec.s3,
          jobs: this.smallJobs,
          stateDir: this.stateDir,
          log: this.rt.log,
          ...(this.options.multipartThreshold !== undefined ? { multipartThreshold: this.options.multipartThreshold } : {}),
          ...(this.options.partSize !== undefined ? { partSize: this.options.partSize } : {}),
          ...(this.options.afterPart ? { afterPart: this.options.afterPart } : {}),
        });
      }
      if (spec.kind === 'folder') {
        await remote.check();
        return remote;
      }
      return checkOnFailure(remote);
    })();
    return this.remotePromise;
  }

  /** The download threads, started on first use. */
  downloads(): DownloadPool {
    this.pool ??= new DownloadPool(this.smallJobs);
    return this.pool;
  }

  /** Ids of downloads an earlier run left half done: one listing per run, not a probe per object. */
  partialIds(): Promise<Set<string>> {
    this.partialsPromise ??= readdir(path.join(this.stateDir, 'downloads')).then(
      (names) => new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length))),
      () => new Set<string>(),
    );
    return this.partialsPromise;
  }

  /** Runs `fn` once at a time per `key` within this run. */
  async exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    for (let held = this.busy.get(key); held; held = this.busy.get(key)) await held.catch(() => undefined);
    const p = fn();
    this.busy.set(key, p);
    try {
      return await p;
    } finally {
      this.busy.delete(key);
    }
  }

  /** Saves what this run learned and releases threads and sockets. */
  async close(): Promise<void> {
    await this.hashes.save();
    await this.hasher.close();
    await this.pool?.close();
    const index = await this.indexPromise?.catch(() => undefined);
    await index?.save();
    const remote = await this.remotePromise?.catch(() => undefined);
    await remote?.close();
    // Once there is state, the folder ignores itself, so `git add .` never picks up objects or hashes.
    const own = path.join(this.root, '.slipway');
    if (existsSync(own)) await writeFile(path.join(own, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
  }
}
