import { createHash, randomFillSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DownloadError, DownloadPool, type WholeTask } from '../../../packages/store/src/internal/download-pool.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const BIG = randomFillSync(Buffer.alloc(3 * 2 ** 20 + 17));
const SMALL = Buffer.from('small body\n');

/**
 * A server that answers the ways S3-compatible stores and proxies do: framed by Content-Length,
 * chunked, errors with and without framing, a body cut midway, and idle keep-alive sockets closed
 * by the server between requests.
 */
const doomed = new WeakSet<object>();
let requests = 0;
function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  requests++;
  // A socket that answered '/once' is dropped at its next request without a byte, as a server
  // that timed the connection out does when the client's request crosses the close.
  if (doomed.has(req.socket)) {
    req.socket.destroy();
    return;
  }
  const u = new URL(req.url ?? '/', 'http://x');
  const body = u.pathname.startsWith('/small') ? SMALL : BIG;
  switch (u.pathname.replace(/^\/(small|big)/, '')) {
    case '/plain':
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
      return;
    case '/once':
      doomed.add(req.socket);
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
      return;
    case '/chunked':
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      res.write(body.subarray(0, 1000));
      res.end(body.subarray(1000));
      return;
    case '/missing-chunked':
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.write('<Error><Code>NoSuchKey</Code>');
      res.end('<Message>The specified key does not exist.</Message></Error>');
      return;
    case '/slow-down':
      res.writeHead(503, { 'content-type': 'application/xml', connection: 'close' });
      res.end('<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>');
      return;
    case '/cut': {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 2 ** 20), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    default:
      res.writeHead(400).end();
  }
}

let server: http.Server;
let base: string;
let dir: string;
let pool: DownloadPool;

beforeAll(async () => {
  server = http.createServer(handler);
  // Idle sockets are closed quickly, so a later request finds its kept-alive socket gone.
  server.keepAliveTimeout = 100;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  dir = await mkdtemp(path.join(os.tmpdir(), 'slipway-pool-'));
  pool = new DownloadPool(4, 1);
});

afterAll(async () => {
  await pool.close();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
function task(url: string, expect: string): WholeTask {
  const i = n++;
  return {
    kind: 'whole',
    src: { url: `${base}${url}`, headers: { 'x-amz-date': '20261128T000000Z' } },
    expect,
    small: { tmp: path.join(dir, `t${i}.tmp`), target: path.join(dir, `t${i}`), mode: 0o644 },
    partial: { data: path.join(dir, `p${i}.data`), progress: path.join(dir, `p${i}.progress`), meta: path.join(dir, `p${i}.json`), id: expect },
  };
}

describe('download workers over plain HTTP', () => {
  test('a Content-Length body is hashed and spilled to the partial file, byte for byte', async () => {
    const t = task('/big/plain', md5(BIG));
    const r = await pool.whole(t);
    expect(r).toEqual({ placed: false, md5: md5(BIG), size: BIG.length, spilled: true });
    expect(md5(await readFile(t.partial.data))).toBe(md5(BIG));
    // The progress slot counts every byte written.
    expect((await readFile(t.partial.progress)).readBigUInt64LE(0)).toBe(BigInt(BIG.length));
  });

  test('a small body is verified in memory and placed', async () => {
    const t = task('/small/plain', md5(SMALL));
    const r = await pool.whole(t);
    expect(r).toMatchObject({ placed: true, size: SMALL.length });
    expect(await readFile(t.small.target)).toEqual(SMALL);
  });

  test('a chunked body is fetched again through node:http and still verified', async () => {
    const t = task('/big/chunked', md5(BIG));
    const r = await pool.whole(t);
    expect(r).toEqual({ placed: false, md5: md5(BIG), size: BIG.length, spilled: true });
  });

  test('an error with a chunked body names its S3 code and status', async () => {
    const e = await pool.whole(task('/big/missing-chunked', md5(BIG))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DownloadError);
    expect(e).toMatchObject({ name: 'NoSuchKey', message: 'NoSuchKey: The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
  });

  test('throttling is reported as SlowDown with its status, so the caller retries it', async () => {
    const e = await pool.whole(task('/big/slow-down', md5(BIG))).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
  });

  test('a socket the server closed while idle is replaced without failing the next request', async () => {
    await pool.whole(task('/small/plain', md5(SMALL)));
    await new Promise((r) => setTimeout(r, 300));
    const r = await pool.whole(task('/small/plain', md5(SMALL)));
    expect(r).toMatchObject({ placed: true, size: SMALL.length });
  });

  test('a kept-alive socket dropped as the next request goes out is replaced, and the request asked again', async () => {
    await pool.whole(task('/small/once', md5(SMALL)));
    const before = requests;
    const r = await pool.whole(task('/small/plain', md5(SMALL)));
    expect(r).toMatchObject({ placed: true, size: SMALL.length });
    // One request on the dropped socket, one on a new one.
    expect(requests - before).toBe(2);
  });

  test('a body cut midway fails as a reset connection and keeps the true prefix with its progress', async () => {
    const t = task('/big/cut', md5(BIG));
    const e = await pool.whole(t).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ECONNRESET' });
    const kept = await readFile(t.partial.data);
    expect(kept.length).toBe(2 ** 20);
    expect(kept.equals(BIG.subarray(0, 2 ** 20))).toBe(true);
    expect((await readFile(t.partial.progress)).readBigUInt64LE(0)).toBe(BigInt(2 ** 20));
    expect((await stat(t.small.target).catch(() => undefined)) === undefined).toBe(true);
  });

  test('a header value holding a line break is refused before anything is sent', async () => {
    const t = task('/small/plain', md5(SMALL));
    if (!('url' in t.src)) throw new Error('unreachable');
    t.src.headers['x-amz-meta'] = 'a\r\nx-evil: 1';
    const e = await pool.whole(t).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'InvalidHeader' });
  });
});
