import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { downloadWorkerSource } from './download-worker.js';
import { Md5Lanes } from './md5-lanes.js';
import { md5x4Module, TABLE_BYTES } from './md5x4-wasm.js';

/** Where a worker reads an object: a signed HTTP GET (S3) or a file (a `file://` remote). */
export type DownloadSource = { url: string; headers: Record<string, string> } | { path: string };

/** Bodies up to this size are held in memory and written with one call; bigger ones go to a partial file. */
export const IN_MEMORY = 1024 * 1024;

/**
 * Fetch a whole object. Small bodies are verified in memory and placed by the worker (temporary name,
 * rename; then the same bytes into the cache). Bigger ones stream into `partial.data`, hashed as they
 * arrive, with progress kept in slot 0 of `partial.progress` so a killed run can resume.
 */
export interface WholeTask {
  kind: 'whole';
  src: DownloadSource;
  expect: string;
  small: { tmp: string; target: string; mode: number; cacheTmp?: string; cacheTarget?: string };
  /**
   * Where a big body goes; `meta` is written (with the size from the response) before the first byte.
   * `mirror`, when set, gets a second copy as it arrives: the local cache's, moved in once verified.
   */
  partial: { data: string; progress: string; meta: string; id: string; mirror?: string };
}

/** Fetch bytes `start..end` (inclusive) into `data` at `start`; slot `slot` of `progress` counts what is written. */
export interface RangeTask {
  kind: 'range';
  src: DownloadSource;
  start: number;
  end: number;
  /** Bytes of this range already written by an earlier run. */
  done: number;
  data: string;
  progress: string;
  slot: number;
}

export type WholeResult = { placed: true; size: number; mtimeMs: number; ino: number } | { placed: false; md5: string; size: number; spilled: boolean };

/** An error from a worker, with what retry and "is it there?" logic read. */
export class DownloadError extends Error {
  readonly $metadata: { httpStatusCode?: number };
  readonly code: string | undefined;
  constructor(e: { message: string; name: string; status?: number; code?: string }) {
    super(e.message);
    this.name = e.name;
    this.code = e.code;
    this.$metadata = e.status !== undefined ? { httpStatusCode: e.status } : {};
  }
}

const WORKER_SOURCE = downloadWorkerSource({ inMemory: IN_MEMORY });

let kernel: Uint8Array | undefined;
/** The SIMD MD5 kernel for the workers; `SLIPWAY_MD5_SIMD=0` leaves hashing to OpenSSL. */
function md5x4(): { md5x4?: Uint8Array; md5x4Reserved?: number } {
  if (process.env.SLIPWAY_MD5_SIMD === '0') return {};
  kernel ??= md5x4Module(Md5Lanes.pages(TABLE_BYTES));
  return { md5x4: kernel, md5x4Reserved: TABLE_BYTES };
}

/**
 * A small pool of worker threads that fetch objects: each worker holds its own keep-alive socket
 * pool and does the HTTP parsing, MD5 and writes, so the main thread only signs and books.
 */
export class DownloadPool {
  private workers: { worker: Worker; inFlight: number }[] = [];
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void; w: number }>();
  private nextId = 0;
  readonly threads: number;

  constructor(
    private readonly sockets: number,
    threads = Math.max(1, Math.min(4, os.availableParallelism())),
  ) {
    this.threads = threads;
  }

  whole(task: WholeTask): Promise<WholeResult> {
    return this.post(task) as Promise<WholeResult>;
  }

  range(task: RangeTask): Promise<{ size: number }> {
    return this.post(task) as Promise<{ size: number }>;
  }

  /** Starts every thread now, so their start-up overlaps other work instead of the first download. */
  warm(): void {
    while (this.workers.length < this.threads) this.spawn();
  }

  /** Stops the threads. Safe to call more than once. */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }

  private post(task: object): Promise<unknown> {
    let w = this.workers.findIndex((x) => x.inFlight === 0);
    if (w < 0 && this.workers.length < this.threads) w = this.spawn();
    if (w < 0) w = this.workers.reduce((best, x, i) => (x.inFlight < (this.workers[best]?.inFlight ?? Infinity) ? i : best), 0);
    const slot = this.workers[w];
    if (!slot) return Promise.reject(new Error('download pool is closed'));
    const id = this.nextId++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, w });
      slot.worker.postMessage({ id, task });
    });
  }

  private spawn(): number {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sockets: this.sockets, ...md5x4() } });
    const w = this.workers.length;
    this.workers.push({ worker, inFlight: 0 });
    worker.on('message', (m: { id: number; result?: unknown; error?: { message: string; name: string; status?: number; code?: string } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      const slot = this.workers[p.w];
      if (slot) slot.inFlight--;
      if (m.error) p.reject(new DownloadError(m.error));
      else p.resolve(m.result);
    });
    worker.on('error', (e) => {
      for (const [id, p] of this.pending) {
        if (p.w !== w) continue;
        this.pending.delete(id);
        p.reject(e);
      }
    });
    return w;
  }
}
