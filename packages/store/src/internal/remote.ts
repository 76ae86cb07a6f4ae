import type { Readable } from 'node:stream';
import type { DownloadSource } from './download-pool.js';

/** What a remote holds for one object, as far as a push or pull needs to know. */
export interface ObjectInfo {
  md5: string;
  size: number;
}

export type UploadOutcome = 'uploaded' | 'present';

/**
 * A place objects live: a folder (`file://`) or a bucket prefix (`s3://`). Keys are DVC 3's layout,
 * `files/md5/<2 hex>/<30 hex>[.dir]`, relative to the remote's root.
 */
export interface Remote {
  /** Shown in messages; never carries credentials. */
  readonly display: string;
  /** Fails with a clear error (credentials, bucket) before any work starts. */
  check(): Promise<void>;
  /** Which of `keys` the remote holds. */
  has(keys: readonly string[]): Promise<Set<string>>;
  /** Every key under `prefix`. */
  list(prefix: string): Promise<string[]>;
  /** Stores a file under `key` unless it is there already; safe when several writers race. */
  upload(key: string, file: string, info: ObjectInfo): Promise<UploadOutcome>;
  uploadBytes(key: string, bytes: Buffer, info: ObjectInfo): Promise<UploadOutcome>;
  /** The object's bytes, streamed. `start` resumes a partial download. */
  open(key: string, start?: number): Promise<Readable>;
  /**
   * How a worker thread can read the object itself (bytes `range[0]..range[1]` when given), or
   * undefined when only `open` can: the download then streams through the main thread.
   */
  source?(key: string, range?: readonly [number, number]): Promise<DownloadSource | undefined>;
  delete(keys: readonly string[]): Promise<number>;
  close(): Promise<void>;
  /**
   * For a failure outside the remote's own calls (a worker thread's download): throws the clearer
   * error behind it (credentials, bucket) when there is one, else returns and the caller rethrows.
   */
  explain?(error: unknown): Promise<void>;
}

/** The remote key of an object id (`<md5>` or `<md5>.dir`). */
export function objectKey(id: string): string {
  return `files/md5/${id.slice(0, 2)}/${id.slice(2)}`;
}

/** The object id of a remote key, or undefined for a key outside the layout. */
export function idFromKey(key: string): string | undefined {
  const m = /(?:^|\/)files\/md5\/([0-9a-f]{2})\/([0-9a-f]{30}(?:\.dir)?)$/.exec(key);
  return m ? `${m[1]}${m[2]}` : undefined;
}
