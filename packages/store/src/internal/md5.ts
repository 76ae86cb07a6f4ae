import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** Files at least this big are hashed on a worker thread; smaller ones cost less than the message. */
const WORKER_THRESHOLD = 4 * 2 ** 20;
const BUFFER_BYTES = 4 * 2 ** 20;
/** Below this, one read of the whole file is cheapest. */
const SMALL_FILE = 512 * 1024;

// The worker is plain CommonJS evaluated from a string: no file to locate next to a bundle.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const buf = Buffer.allocUnsafe(${BUFFER_BYTES});
parentPort.on('message', ({ id, file }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const h = createHash('md5');
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      size += n;
    }
    parentPort.postMessage({ id, md5: h.digest('hex'), size });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message), code: e && e.code });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;

export interface FileHash {
  md5: string;
  size: number;
}

/** MD5 of a buffer, hex. */
export function md5Hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * Hashes files with MD5: small ones inline, big ones on a pool of worker threads with large reused
 * buffers (MD5 runs at ~0.6 GB/s a core; one core would bound a 1 GiB push).
 */
export class Hasher {
  private workers: { worker: Worker; busy: boolean }[] = [];
  private readonly queue: { file: string; resolve: (h: FileHash) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { resolve: (h: FileHash) => void; reject: (e: Error) => void; slot: number }>();
  private nextId = 0;

  private readonly size: number;

  constructor(threads = Math.max(1, Math.min(4, os.availableParallelism()))) {
    this.size = threads;
  }

  /** Hashes one file; `sizeHint` picks inline or a worker. */
  hashFile(file: string, sizeHint: number): Promise<FileHash> {
    if (sizeHint < SMALL_FILE) return hashSmall(file);
    if (sizeHint < WORKER_THRESHOLD) return hashInline(file);
    return new Promise((resolve, reject) => {
      this.queue.push({ file, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker threads. Safe to call more than once. */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.workers.findIndex((w) => !w.busy);
      if (slot < 0 && this.workers.length < this.size) slot = this.spawn();
      if (slot < 0) return;
      const job = this.queue.shift();
      const w = this.workers[slot];
      if (!job || !w) return;
      const id = this.nextId++;
      w.busy = true;
      this.pending.set(id, { resolve: job.resolve, reject: job.reject, slot });
      w.worker.postMessage({ id, file: job.file });
    }
  }

  private spawn(): number {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot = this.workers.length;
    this.workers.push({ worker, busy: false });
    worker.on('message', (m: { id: number; md5?: string; size?: number; error?: string; code?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      const w = this.workers[p.slot];
      if (w) w.busy = false;
      if (m.error !== undefined) p.reject(Object.assign(new Error(m.error), { code: m.code }));
      else p.resolve({ md5: m.md5 ?? '', size: m.size ?? 0 });
      this.pump();
    });
    worker.on('error', (e) => {
      for (const [id, p] of this.pending) {
        if (p.slot === slot) {
          this.pending.delete(id);
          p.reject(e);
        }
      }
    });
    return slot;
  }
}

async function hashInline(file: string): Promise<FileHash> {
  const fh = await open(file, 'r');
  try {
    const h = createHash('md5');
    const buf = Buffer.allocUnsafe(256 * 1024);
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { md5: h.digest('hex'), size };
  } finally {
    await fh.close();
  }
}

async function hashSmall(file: string): Promise<FileHash> {
  // One synchronous read: for a small file the thread-pool round trips cost more than the read.
  const data = readFileSync(file);
  return { md5: md5Hex(data), size: data.length };
}
