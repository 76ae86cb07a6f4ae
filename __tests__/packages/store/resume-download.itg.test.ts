import { createHash, randomFillSync } from 'node:crypto';
import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { addArtifacts, pullArtifacts, pushArtifacts } from '@slipway/store';
import { exportAwsCredentials, type S3Service, startS3 } from '../../helpers/services/index.js';
import { quietRuntime, tempRepo, writeTree } from './helpers.js';

const md5 = (b: string | Buffer) => createHash('md5').update(b).digest('hex');

/**
 * A TCP proxy in front of s3rver: it records the Range headers it forwards and, when `cutAfter` is
 * set, drops each connection once that many response bytes went through, as a network failure does.
 */
async function startProxy(target: string): Promise<{ url: string; ranges: string[]; cutAfter: number | undefined; close(): Promise<void> }> {
  const up = new URL(target);
  const state = { ranges: [] as string[], cutAfter: undefined as number | undefined };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const server = net.connect(Number(up.port), up.hostname);
    sockets.add(client).add(server);
    let sent = 0;
    client.on('data', (d: Buffer) => {
      for (const m of d.toString('latin1').matchAll(/^range: *(bytes=\S+)/gim)) state.ranges.push(m[1] as string);
      server.write(d);
    });
    server.on('data', (d: Buffer) => {
      const limit = state.cutAfter;
      if (limit !== undefined && sent + d.length > limit) {
        client.write(d.subarray(0, Math.max(0, limit - sent)));
        client.destroy();
        server.destroy();
        return;
      }
      sent += d.length;
      client.write(d);
    });
    const end = () => {
      client.destroy();
      server.destroy();
    };
    client.on('close', end).on('error', end);
    server.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  });
}

let s3: S3Service;
let restoreEnv: () => void = () => undefined;

beforeAll(async () => {
  s3 = await startS3({ buckets: ['artifacts'] });
  restoreEnv = exportAwsCredentials(s3);
});

afterAll(async () => {
  restoreEnv();
  await s3?.stop();
});

async function pushed(bytes: Buffer, remote: string): Promise<{ a: string; b: string; id: string; cleanup(): Promise<void> }> {
  const a = await tempRepo();
  const b = await tempRepo();
  await writeTree(a.dir, { 'w.bin': bytes });
  const rt = quietRuntime(a.dir);
  await addArtifacts(rt, { paths: ['w.bin'] });
  await pushArtifacts(rt, { remote, s3: { endpoint: s3.url, region: 'us-east-1' } });
  await copyFile(path.join(a.dir, 'w.bin.dvc'), path.join(b.dir, 'w.bin.dvc'));
  return {
    a: a.dir,
    b: b.dir,
    id: md5(bytes),
    async cleanup() {
      await a.cleanup();
      await b.cleanup();
    },
  };
}

describe('downloads that resume and split into ranges (s3rver)', () => {
  test('a pull cut off midway keeps its bytes, the next run continues with a Range request and verifies the whole file', async () => {
    const bytes = randomFillSync(Buffer.alloc(6 * 2 ** 20));
    const env = await pushed(bytes, 's3://artifacts/resume');
    const proxy = await startProxy(s3.url);
    try {
      // Every connection dies after 512 KiB: the first run gets a few pieces, then gives up.
      proxy.cutAfter = 512 * 1024;
      const viaProxy = { remote: 's3://artifacts/resume', s3: { endpoint: proxy.url, region: 'us-east-1' }, jobs: 1 };
      const first = await pullArtifacts(quietRuntime(env.b), viaProxy).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(Error);
      await expect(stat(path.join(env.b, 'w.bin'))).rejects.toThrow(/ENOENT/);
      const kept = await stat(path.join(env.b, '.slipway/state/downloads', `${env.id}.data`));
      expect(kept.size).toBeGreaterThan(1024 * 1024);
      expect(proxy.ranges.length).toBeGreaterThan(0); // the retries within the run already continued with ranges

      proxy.cutAfter = undefined;
      proxy.ranges.length = 0;
      const rt = quietRuntime(env.b);
      const second = await pullArtifacts(rt, viaProxy);
      expect(second.downloaded.objects).toBe(1);
      expect(rt.lines.join('')).toMatch(new RegExp(`resuming the download of .*${env.id.slice(2)}: \\d+ of ${bytes.length} bytes already here`));
      // One request, for the rest only.
      expect(proxy.ranges).toHaveLength(1);
      expect(Number(/^bytes=(\d+)-/.exec(proxy.ranges[0] ?? '')?.[1])).toBeGreaterThan(1024 * 1024);
      expect(md5(await readFile(path.join(env.b, 'w.bin')))).toBe(env.id);
      expect(await readdir(path.join(env.b, '.slipway/state/downloads'))).toEqual([]);
    } finally {
      await proxy.close();
      await env.cleanup();
    }
  });

  test('kept bytes that were damaged fail the MD5 over the whole file: nothing placed, the partial dropped, the next pull starts over', async () => {
    const bytes = randomFillSync(Buffer.alloc(6 * 2 ** 20));
    const env = await pushed(bytes, 's3://artifacts/resume-bad');
    const proxy = await startProxy(s3.url);
    try {
      proxy.cutAfter = 1024 * 1024;
      const viaProxy = { remote: 's3://artifacts/resume-bad', s3: { endpoint: proxy.url, region: 'us-east-1' }, jobs: 1 };
      await pullArtifacts(quietRuntime(env.b), viaProxy).catch(() => undefined);
      const data = path.join(env.b, '.slipway/state/downloads', `${env.id}.data`);
      const partial = await readFile(data);
      partial[100] = (partial[100] ?? 0) ^ 0xff;
      await writeFile(data, partial);

      proxy.cutAfter = undefined;
      const error = (await pullArtifacts(quietRuntime(env.b), viaProxy).catch((e: unknown) => e)) as Error & { exitCode: number };
      expect(error.name).toBe('IntegrityError');
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain(`files/md5/${env.id.slice(0, 2)}/${env.id.slice(2)}`);
      await expect(stat(path.join(env.b, 'w.bin'))).rejects.toThrow(/ENOENT/);
      expect(await readdir(path.join(env.b, '.slipway/state/downloads'))).toEqual([]);

      const third = await pullArtifacts(quietRuntime(env.b), viaProxy);
      expect(third.downloaded.objects).toBe(1);
      expect(md5(await readFile(path.join(env.b, 'w.bin')))).toBe(env.id);
    } finally {
      await proxy.close();
      await env.cleanup();
    }
  });

  test('one big object comes down as parallel ranged GETs, verified before it is placed', async () => {
    const bytes = randomFillSync(Buffer.alloc(40 * 2 ** 20));
    const env = await pushed(bytes, 's3://artifacts/ranged');
    const proxy = await startProxy(s3.url);
    try {
      const pulled = await pullArtifacts(quietRuntime(env.b), {
        remote: 's3://artifacts/ranged',
        s3: { endpoint: proxy.url, region: 'us-east-1' },
        keepCache: false,
      });
      expect(pulled.downloaded.objects).toBe(1);
      expect(proxy.ranges.length).toBeGreaterThanOrEqual(2);
      const starts = proxy.ranges.map((r) => Number(/^bytes=(\d+)-/.exec(r)?.[1])).sort((x, y) => x - y);
      expect(starts[0]).toBe(0);
      expect(md5(await readFile(path.join(env.b, 'w.bin')))).toBe(env.id);
    } finally {
      await proxy.close();
      await env.cleanup();
    }
  });
});
