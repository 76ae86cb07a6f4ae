import { Worker } from 'node:worker_threads';

/** A piece of a blob: bytes in memory, or a byte range of a file. */
export type Segment = { data: Buffer } | { file: string; size: number };

// Inline, so the bundled action needs no second file. Reads with large buffers: hashing, not I/O, is the cost.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
try {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  for (const s of workerData.segments) {
    if (s.data) { hash.update(Buffer.from(s.data)); continue; }
    const fd = openSync(s.file, 'r');
    try {
      let off = 0;
      while (off < s.size) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, s.size - off), off);
        if (n === 0) throw new Error(s.file + ' shrank while it was read (expected ' + s.size + ' bytes, got ' + off + ')');
        hash.update(n === buf.length ? buf : buf.subarray(0, n));
        off += n;
      }
      if (readSync(fd, Buffer.alloc(1), 0, 1, s.size) > 0) throw new Error(s.file + ' grew while it was read (expected ' + s.size + ' bytes)');
    } finally { closeSync(fd); }
  }
  parentPort.postMessage({ digest: 'sha256:' + hash.digest('hex') });
} catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
`;

/**
 * The sha256 of the concatenated segments, computed on a worker thread so several large layers
 * hash on several cores at once (node's hashing otherwise runs on the one JavaScript thread).
 */
export function hashSegments(segments: readonly Segment[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { segments: segments.map((s) => ('data' in s ? { data: new Uint8Array(s.data) } : s)) } });
    worker.once('message', (m: { digest?: string; error?: string }) => {
      void worker.terminate();
      if (m.digest) resolve(m.digest);
      else reject(new Error(m.error ?? 'hash worker failed'));
    });
    worker.once('error', reject);
  });
}
