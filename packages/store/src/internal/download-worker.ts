import { Md5Lanes } from './md5-lanes.js';
import { s3ErrorOf } from './s3-lean.js';

/**
 * The source of a download worker thread: plain CommonJS evaluated from a string, so there is no file
 * to locate next to a bundle. HTTP, MD5 and file writes all happen here, so a pull spreads over every
 * core instead of queueing on the main thread.
 *
 * Why it looks the way it does (measured on 1 GiB in 8 objects from a local s3rver, two cores):
 * - Body bytes are hashed and written synchronously, chunk by chunk, from the buffer they arrived
 *   in. Gathering chunks into batches and writing them through the thread pool cost 2–4× the kernel
 *   time of plain synchronous writes, and made the pull ~1.5× slower.
 * - Plain-`http:` endpoints (s3rver, MinIO and other S3-compatible stores on a private network) are
 *   read by a small HTTP/1.1 client over `net` that reads into one reused 1 MiB buffer per socket:
 *   no allocation per chunk and 16× fewer read calls than `node:http`'s 64 KiB chunks. Anything it
 *   does not expect (a chunked or unframed 2xx body) is fetched again through `node:http`.
 * - `https:` goes through `node:https`; TLS costs more than everything above.
 */
export function downloadWorkerSource(c: { inMemory: number }): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const { createHash } = require('node:crypto');
const IN_MEMORY = ${c.inMemory};
const READ_BUFFER = 1024 * 1024;
// Progress is written after the data it counts, every few MiB: a resume repeats at most this much.
const PROGRESS_EVERY = 8 * 1024 * 1024;
const TIMEOUT_MS = 120000;
// MD5 of up to eight big bodies at once on one SIMD kernel (see md5-lanes.ts), else OpenSSL's.
const Md5Lanes = (${Md5Lanes.toString()});
const lanes = workerData.md5x4 ? new Md5Lanes(new WebAssembly.Module(workerData.md5x4), workerData.md5x4Reserved) : undefined;

function md5Stream() {
  const lane = lanes ? lanes.start() : -1;
  if (lane < 0) {
    const h = createHash('md5');
    return { update: (b) => { h.update(b); return true; }, whenReady: (resume) => queueMicrotask(resume), digest: () => h.digest('hex'), release() {} };
  }
  let open = true;
  return {
    // False: stop reading until whenReady calls back (see Md5Lanes.update).
    update: (b) => lanes.update(lane, b),
    whenReady: (resume) => lanes.whenReady(lane, resume),
    digest: () => { open = false; return lanes.digest(lane); },
    release: () => { if (open) { open = false; lanes.release(lane); } },
  };
}
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: workerData.sockets }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: workerData.sockets }),
};

function fail(message, extra) { return Object.assign(new Error(message), extra || {}); }

const s3ErrorOf = (${s3ErrorOf.toString()});

function s3Error(status, text) {
  const { code, message } = s3ErrorOf(status, text);
  return fail(code + ': ' + message, { name: code, status });
}

// Each source calls begin({ length, total }) once the response is known to be good, then consume(chunk)
// for every piece of the body in order; a chunk is only valid during the call. When consume returns
// false the source stops reading until consume.whenReady calls back. Resolves with the bytes consumed.
// A cut-off body rejects after consuming a true prefix.
function fetchBody(src, start, end, begin) {
  if (src.path !== undefined) return readFile(src.path, start, end, begin);
  const u = new URL(src.url);
  if (u.protocol === 'http:') return rawGet(u, src.headers, begin, true).then((r) => (r === FALLBACK ? nodeGet(u, src.headers, begin) : r));
  return nodeGet(u, src.headers, begin);
}

async function readFile(file, start, end, begin) {
  const size = fs.statSync(file).size;
  const last = end === undefined ? size - 1 : Math.min(end, size - 1);
  const length = Math.max(0, last - start + 1);
  const consume = begin({ length, total: size });
  const fd = await fs.promises.open(file, 'r');
  const buf = Buffer.allocUnsafe(Math.min(READ_BUFFER, Math.max(1, length)));
  let got = 0;
  try {
    while (got < length) {
      const { bytesRead } = await fd.read(buf, 0, Math.min(buf.length, length - got), start + got);
      if (bytesRead === 0) break;
      const go = consume(buf.subarray(0, bytesRead));
      got += bytesRead;
      if (go === false) await new Promise((resume) => consume.whenReady(resume));
    }
  } finally {
    await fd.close();
  }
  return got;
}

function nodeGet(u, headers, begin) {
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(u, { method: 'GET', headers, agent: agents[u.protocol], timeout: TIMEOUT_MS }, (res) => {
      const status = res.statusCode || 0;
      const chunks = [];
      if (status < 200 || status >= 300) {
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => reject(s3Error(status, Buffer.concat(chunks).toString('utf8'))));
        return;
      }
      const length = Number(res.headers['content-length']);
      const range = /\\/(\\d+)$/.exec(String(res.headers['content-range'] || ''));
      let consume;
      let got = 0;
      try {
        consume = begin({ length, total: range ? Number(range[1]) : length });
      } catch (e) {
        res.destroy();
        return reject(e);
      }
      res.on('data', (c) => {
        try {
          const go = consume(c);
          got += c.length;
          if (go === false) {
            res.pause();
            consume.whenReady(() => res.resume());
          }
        } catch (e) {
          res.destroy(e);
        }
      });
      res.on('error', reject);
      res.on('end', () => resolve(got));
      res.on('close', () => { if (!res.complete) reject(fail('GET ' + u.pathname + ' was cut off after ' + got + ' bytes', { code: 'ECONNRESET' })); });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(fail('GET ' + u.pathname + ' timed out', { name: 'TimeoutError' })));
    req.end();
  });
}

// Idle keep-alive sockets of the raw client, by host:port.
const idle = new Map();
const FALLBACK = Symbol('fallback');
const HEAD_END = Buffer.from('\\r\\n\\r\\n');
const CHUNKED_END = Buffer.from('\\r\\n0\\r\\n\\r\\n');

function takeSocket(u) {
  const list = idle.get(u.host);
  while (list && list.length > 0) {
    const s = list.pop();
    if (!s.destroyed) return s;
  }
  const buffer = Buffer.allocUnsafe(READ_BUFFER);
  const s = net.connect({
    host: u.hostname,
    port: Number(u.port || 80),
    noDelay: true,
    onread: { buffer, callback: (n, b) => (s.onBytes ? s.onBytes(b.subarray(0, n)) : undefined) },
  });
  s.fresh = true;
  s.on('error', (e) => { if (s.onFail) s.onFail(e); });
  s.on('close', () => {
    const l = idle.get(u.host);
    if (l) { const i = l.indexOf(s); if (i >= 0) l.splice(i, 1); }
    if (s.onFail) s.onFail(fail('connection closed by ' + u.host, { code: 'ECONNRESET' }));
  });
  s.on('timeout', () => s.destroy(fail('GET timed out after ' + TIMEOUT_MS / 1000 + ' s', { name: 'TimeoutError' })));
  return s;
}

function release(u, s) {
  s.onBytes = undefined;
  s.onFail = undefined;
  s.setTimeout(0);
  let list = idle.get(u.host);
  if (!list) idle.set(u.host, (list = []));
  list.push(s);
}

function requestHead(u, headers) {
  let head = 'GET ' + u.pathname + u.search + ' HTTP/1.1\\r\\n';
  let host = false;
  for (const [k, v] of Object.entries(headers)) {
    const value = String(v);
    if (/[\\r\\n]/.test(k + value)) throw fail('header ' + k + ' holds a line break', { name: 'InvalidHeader' });
    if (k.toLowerCase() === 'host') host = true;
    head += k + ': ' + value + '\\r\\n';
  }
  if (!host) head += 'host: ' + u.host + '\\r\\n';
  return head + '\\r\\n';
}

function parseHead(text) {
  const lines = text.split('\\r\\n');
  const m = /^HTTP\\/1\\.[01] (\\d{3})/.exec(lines[0] || '');
  if (!m) return undefined;
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers };
}

// One GET over a kept-alive socket. Resolves with the bytes consumed, or FALLBACK when the response is
// framed in a way this client leaves to node:http (nothing has been consumed then).
function rawGet(u, headers, begin, mayRetry) {
  return new Promise((resolve, reject) => {
    let s;
    let head = Buffer.alloc(0);
    let state = 'head';
    let left = 0;
    let got = 0;
    let consume;
    let status = 0;
    let errorBody = [];
    let errorFramed;
    let keep = true;
    let settled = false;
    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      s.onBytes = undefined;
      s.onFail = undefined;
      fn(value);
    };
    const done = () => {
      if (keep) { finish(resolve, got); release(u, s); }
      else { finish(resolve, got); s.destroy(); }
    };
    const onBody = (b) => {
      const n = Math.min(left, b.length);
      let go = true;
      if (n > 0) {
        go = consume(n === b.length ? b : b.subarray(0, n)) !== false;
        got += n;
        left -= n;
      }
      // Bytes past the body on a request/response socket mean it cannot be trusted again.
      if (b.length > n) keep = false;
      if (left === 0) return done();
      if (!go) {
        // Returning false from onread pauses the socket; whenReady never calls back synchronously.
        consume.whenReady(() => { if (!settled) s.resume(); });
        return false;
      }
    };
    const onError = (b) => {
      errorBody.push(Buffer.from(b));
      const all = Buffer.concat(errorBody);
      if (errorFramed === 'chunked' ? all.includes(CHUNKED_END) || all.length > 65536 : errorFramed !== undefined && all.length >= errorFramed) {
        s.destroy();
        finish(reject, s3Error(status, all.toString('utf8')));
      }
    };
    const onBytes = (b) => {
      try {
        if (state === 'body') return onBody(b);
        if (state === 'error') return onError(b);
        head = Buffer.concat([head, b]);
        const at = head.indexOf(HEAD_END);
        if (at < 0) {
          if (head.length > 65536) throw fail('response head from ' + u.host + ' is over 64 KiB', { code: 'ECONNRESET' });
          return;
        }
        const parsed = parseHead(head.subarray(0, at).toString('latin1'));
        if (!parsed) throw fail('malformed response from ' + u.host, { code: 'ECONNRESET' });
        const rest = head.subarray(at + 4);
        head = undefined;
        status = parsed.status;
        const h = parsed.headers;
        if (/close/i.test(h.connection || '')) keep = false;
        const chunked = /chunked/i.test(h['transfer-encoding'] || '');
        const length = h['content-length'] === undefined ? NaN : Number(h['content-length']);
        if (status < 200 || status >= 300) {
          state = 'error';
          errorFramed = chunked ? 'chunked' : Number.isFinite(length) ? length : undefined;
          if (errorFramed === 0) { s.destroy(); return finish(reject, s3Error(status, '')); }
          if (rest.length > 0) onError(rest);
          return;
        }
        if (chunked || !Number.isFinite(length)) {
          s.destroy();
          return finish(resolve, FALLBACK);
        }
        const range = /\\/(\\d+)$/.exec(h['content-range'] || '');
        state = 'body';
        left = length;
        consume = begin({ length, total: range ? Number(range[1]) : length });
        if (left === 0) return done();
        if (rest.length > 0) return onBody(rest);
      } catch (e) {
        s.destroy();
        finish(reject, e);
      }
    };
    const onFail = (e) => {
      if (state === 'error' && errorFramed === undefined) return finish(reject, s3Error(status, Buffer.concat(errorBody).toString('utf8')));
      // A kept-alive socket the server closed while it sat idle: nothing was asked of it yet, ask again.
      if (mayRetry && reused && state === 'head' && head && head.length === 0) {
        settled = true;
        s.onBytes = undefined;
        s.onFail = undefined;
        return rawGet(u, headers, begin, false).then(resolve, reject);
      }
      finish(reject, e);
    };
    let text;
    try {
      text = requestHead(u, headers);
    } catch (e) {
      return reject(e);
    }
    s = takeSocket(u);
    const reused = !s.fresh;
    s.onBytes = onBytes;
    s.onFail = onFail;
    s.setTimeout(TIMEOUT_MS);
    s.write(text);
    s.fresh = false;
  });
}

// Writes body bytes at their offsets in fd, hashing on the way; progress (slot \`slot\` of progressFd)
// is written after the data it counts.
// A mirror fd gets the same bytes at the same offsets (the local cache's copy, without reading them back).
function sink(fd, pos, hash, progressFd, slot, doneBefore, mirrorFd) {
  let done = doneBefore;
  let unmarked = 0;
  const mark = Buffer.alloc(8);
  return {
    consume(b) {
      const go = hash ? hash.update(b) !== false : true;
      writeAll(fd, b, pos);
      if (mirrorFd !== undefined) writeAll(mirrorFd, b, pos);
      pos += b.length;
      done += b.length;
      unmarked += b.length;
      if (unmarked >= PROGRESS_EVERY) this.mark();
      return go;
    },
    mark() {
      if (unmarked === 0) return;
      unmarked = 0;
      mark.writeBigUInt64LE(BigInt(done));
      fs.writeSync(progressFd, mark, 0, 8, slot * 8);
    },
  };
}

function writeAll(fd, b, pos) {
  let off = 0;
  while (off < b.length) off += fs.writeSync(fd, b, off, b.length - off, pos + off);
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

function placeSmall(s, bytes) {
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

async function whole(t) {
  const p = t.partial;
  // A small body is held (copied: a chunk is only valid during the call) and hashed once whole.
  const held = [];
  let hash;
  let out;
  const begin = ({ length }) => {
    if (length <= IN_MEMORY) return (c) => { held.push(Buffer.from(c)); };
    fs.mkdirSync(path.dirname(p.data), { recursive: true });
    // Same shape as PartialMeta in partial.ts: one range covering the whole object.
    fs.writeFileSync(p.meta, JSON.stringify({ v: 1, id: p.id, size: length, rangeSize: Math.max(1, length), ranges: 1 }));
    fs.writeFileSync(p.progress, Buffer.alloc(8));
    hash = md5Stream();
    out = { fd: fs.openSync(p.data, 'w', 0o644), pfd: fs.openSync(p.progress, 'r+') };
    if (p.mirror) out.mfd = fs.openSync(p.mirror, 'w', 0o644);
    out.sink = sink(out.fd, 0, hash, out.pfd, 0, 0, out.mfd);
    return Object.assign((c) => out.sink.consume(c), { whenReady: (resume) => hash.whenReady(resume) });
  };
  let size;
  try {
    size = await fetchBody(t.src, 0, undefined, begin);
    if (out) return { placed: false, md5: hash.digest(), size, spilled: true };
  } finally {
    // A cut connection still delivered a true prefix: keep it, so the retry or the next run continues after it.
    if (out) {
      hash.release();
      try { out.sink.mark(); } finally {
        fs.closeSync(out.fd);
        fs.closeSync(out.pfd);
        if (out.mfd !== undefined) fs.closeSync(out.mfd);
      }
    }
  }
  const bytes = Buffer.concat(held, size);
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (md5 !== t.expect) return { placed: false, md5, size, spilled: false };
  return placeSmall(t.small, bytes);
}

async function range(t) {
  const start = t.start + t.done;
  if (start > t.end) return { size: 0 };
  const fd = fs.openSync(t.data, 'r+');
  const pfd = fs.openSync(t.progress, 'r+');
  const out = sink(fd, start, undefined, pfd, t.slot, t.done);
  let length = 0;
  try {
    const size = await fetchBody(t.src, start, t.end, (r) => {
      length = r.length;
      if (length !== t.end - start + 1) throw fail('range ' + start + '-' + t.end + ' answered ' + length + ' bytes', { name: 'RangeMismatch' });
      return (c) => out.consume(c);
    });
    if (size !== length) throw fail('range ' + start + '-' + t.end + ' ended after ' + size + ' bytes', { code: 'ECONNRESET' });
    return { size };
  } finally {
    try { out.mark(); } finally { fs.closeSync(fd); fs.closeSync(pfd); }
  }
}

parentPort.on('message', (m) => {
  (m.task.kind === 'whole' ? whole(m.task) : range(m.task)).then(
    (result) => parentPort.postMessage({ id: m.id, result }),
    (e) => parentPort.postMessage({ id: m.id, error: { message: String((e && e.message) || e), name: (e && e.name) || 'Error', status: e && e.status, code: e && e.code } }),
  );
});
`;
}
