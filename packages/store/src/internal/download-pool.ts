import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** Where a worker reads an object: a signed HTTP GET (S3) or a file (a `file://` remote). */
export type DownloadSource = { url: string; headers: Record<string, string> } | { path: string };

/** Bodies up to this size are held in memory and written with one call; bigger ones go to a partial file. */
export const IN_MEMORY = 1024 * 1024;
// Network chunks are 16–64 KiB: gather a few MiB per write, or the syscalls cost more than the bytes.
const WRITE_BATCH = 2 * 1024 * 1024;

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
  /** Where a big body goes; `meta` is written (with the size from the response) before the first byte. */
  partial: { data: string; progress: string; meta: string; id: string };
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

// Plain CommonJS evaluated from a string: no file to locate next to a bundle. HTTP parsing, MD5 and
// file writes all happen here, so a pull spreads over every core instead of queueing on the main thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const https = require('node:https');
const { createHash } = require('node:crypto');
const { promisify } = require('node:util');
const IN_MEMORY = ${IN_MEMORY};
const WRITE_BATCH = ${WRITE_BATCH};
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: workerData.sockets }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: workerData.sockets }),
};

function fail(message, extra) { return Object.assign(new Error(message), extra || {}); }

function open(src, start, end) {
  if (src.path !== undefined) {
    const size = fs.statSync(src.path).size;
    const last = end === undefined ? size - 1 : Math.min(end, size - 1);
    const body = fs.createReadStream(src.path, { start, end: Math.max(start, last), highWaterMark: 1024 * 1024 });
    return Promise.resolve({ body: last < start ? [] : body, length: Math.max(0, last - start + 1), total: size });
  }
  const u = new URL(src.url);
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(u, { method: 'GET', headers: src.headers, agent: agents[u.protocol], timeout: 120000 }, (res) => {
      const status = res.statusCode || 0;
      if (status < 200 || status >= 300) {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const code = (/<Code>([^<]+)<\\/Code>/.exec(text) || [])[1] || (status === 404 ? 'NotFound' : 'Http' + status);
          const message = (/<Message>([^<]*)<\\/Message>/.exec(text) || [])[1] || 'HTTP ' + status;
          reject(fail(code + ': ' + message, { name: code, status }));
        });
        return;
      }
      const length = Number(res.headers['content-length']);
      const range = /\\/(\\d+)$/.exec(String(res.headers['content-range'] || ''));
      resolve({ body: res, length, total: range ? Number(range[1]) : length });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(fail('GET ' + u.pathname + ' timed out', { name: 'TimeoutError' })));
    req.end();
  });
}

function writeFileIn(file, bytes, mode) {
  try {
    fs.writeFileSync(file, bytes, { mode });
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes, { mode });
  }
}

const writev = promisify(fs.writev);
const write = promisify(fs.write);

// Streams body into fd at pos; data is written before progress, so progress never claims unwritten bytes.
// Writes go through the thread pool: a write the kernel holds back (dirty-page throttling) stalls this
// socket only, not every download this thread carries.
async function streamTo(body, fd, pos, hash, progressFd, slot, doneBefore) {
  let batch = [];
  let pending = 0;
  let done = doneBefore;
  const progress = Buffer.alloc(8);
  const flush = async () => {
    if (pending === 0) return;
    const bytes = pending;
    const chunks = batch;
    batch = [];
    pending = 0;
    let off = 0;
    while (off < bytes) {
      const n = await writev(fd, off === 0 ? chunks : [Buffer.concat(chunks).subarray(off)], pos + off);
      off += n;
    }
    pos += bytes;
    done += bytes;
    progress.writeBigUInt64LE(BigInt(done));
    await write(progressFd, progress, 0, 8, slot * 8);
  };
  try {
    for await (const chunk of body) {
      if (hash) hash.update(chunk);
      batch.push(chunk);
      pending += chunk.length;
      if (pending >= WRITE_BATCH) await flush();
    }
  } finally {
    // A cut connection still delivered a true prefix: keep it, so the retry or the next run continues after it.
    await flush();
  }
  return done - doneBefore;
}

async function whole(t) {
  const { body, length } = await open(t.src, 0, undefined);
  const hash = createHash('md5');
  if (length <= IN_MEMORY) {
    const chunks = [];
    let size = 0;
    for await (const c of body) { chunks.push(c); size += c.length; }
    const bytes = Buffer.concat(chunks, size);
    const md5 = hash.update(bytes).digest('hex');
    if (md5 !== t.expect) return { placed: false, md5, size, spilled: false };
    const s = t.small;
    writeFileIn(s.tmp, bytes, s.mode);
    // The umask may have dropped the exec bit.
    if (s.mode & 0o111) fs.chmodSync(s.tmp, s.mode);
    try { fs.renameSync(s.tmp, s.target); } catch (e) { fs.rmSync(s.tmp, { force: true }); throw e; }
    if (s.cacheTarget) {
      writeFileIn(s.cacheTmp, bytes, 0o444);
      fs.renameSync(s.cacheTmp, s.cacheTarget);
    }
    const st = fs.statSync(s.target);
    return { placed: true, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
  }
  const p = t.partial;
  fs.mkdirSync(path.dirname(p.data), { recursive: true });
  // Same shape as PartialMeta in partial.ts: one range covering the whole object.
  fs.writeFileSync(p.meta, JSON.stringify({ v: 1, id: p.id, size: length, rangeSize: Math.max(1, length), ranges: 1 }));
  fs.writeFileSync(p.progress, Buffer.alloc(8));
  const fd = fs.openSync(p.data, 'w', 0o644);
  const pfd = fs.openSync(p.progress, 'r+');
  try {
    const size = await streamTo(body, fd, 0, hash, pfd, 0, 0);
    return { placed: false, md5: hash.digest('hex'), size, spilled: true };
  } finally {
    fs.closeSync(fd);
    fs.closeSync(pfd);
  }
}

async function range(t) {
  const start = t.start + t.done;
  if (start > t.end) return { size: 0 };
  const { body, length } = await open(t.src, start, t.end);
  if (length !== t.end - start + 1) throw fail('range ' + start + '-' + t.end + ' answered ' + length + ' bytes', { name: 'RangeMismatch' });
  const fd = fs.openSync(t.data, 'r+');
  const pfd = fs.openSync(t.progress, 'r+');
  try {
    const size = await streamTo(body, fd, start, undefined, pfd, t.slot, t.done);
    if (size !== length) throw fail('range ' + start + '-' + t.end + ' ended after ' + size + ' bytes', { code: 'ECONNRESET' });
    return { size };
  } finally {
    fs.closeSync(fd);
    fs.closeSync(pfd);
  }
}

parentPort.on('message', (m) => {
  (m.task.kind === 'whole' ? whole(m.task) : range(m.task)).then(
    (result) => parentPort.postMessage({ id: m.id, result }),
    (e) => parentPort.postMessage({ id: m.id, error: { message: String((e && e.message) || e), name: (e && e.name) || 'Error', status: e && e.status, code: e && e.code } }),
  );
});
`;

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
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sockets: this.sockets } });
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
