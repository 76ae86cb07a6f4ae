import { execFile, execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { addArtifacts, pushArtifacts } from '@slipway/store';
import { itWith } from '../../helpers/require-binary.js';
import { exportAwsCredentials, type S3Service, startS3 } from '../../helpers/services/index.js';
import { quietRuntime, tempRepo, writeTree } from './helpers.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * An HTTP proxy in front of s3rver that records every request it forwards; `intercept` may answer a
 * request itself (a throttling error, say) instead of forwarding it.
 */
async function startRecordingProxy(target: string, intercept?: (r: Seen) => { status: number; body: string } | undefined, tls?: { key: Buffer; cert: Buffer }) {
  const up = new URL(target);
  const seen: Seen[] = [];
  const handler: http.RequestListener = (req, res) => {
    const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    seen.push(r);
    const answer = intercept?.(r);
    if (answer) {
      req.resume();
      req.on('end', () => res.writeHead(answer.status, { 'content-type': 'application/xml' }).end(answer.body));
      return;
    }
    const fwd = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Stores other than AWS keep aws-chunked framing and trailers as part of the object: none may be sent. */
function expectNoChecksumTrailers(seen: readonly Seen[]): void {
  for (const r of seen) {
    expect(r.headers['x-amz-trailer']).toBeUndefined();
    expect(r.headers['content-encoding'] ?? '').not.toContain('aws-chunked');
    expect(r.headers['x-amz-sdk-checksum-algorithm']).toBeUndefined();
    expect(Object.keys(r.headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
  }
}

const CLI = path.resolve('packages/cli/bin/slipway.js');

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
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

describe('S3 request options (s3rver behind a recording proxy)', () => {
  test('server-side encryption goes on every write, single and multipart; a custom endpoint gets no checksum trailers', async () => {
    const repo = await tempRepo();
    const proxy = await startRecordingProxy(s3.url);
    try {
      await writeTree(repo.dir, { 'small.bin': 'small', 'big.bin': randomFillSync(Buffer.alloc(12 * 2 ** 20)) });
      const rt = quietRuntime(repo.dir);
      await addArtifacts(rt, { paths: ['small.bin', 'big.bin'] });
      await pushArtifacts(rt, {
        remote: 's3://artifacts/sse',
        s3: { endpoint: proxy.url, region: 'us-east-1', sse: 'aws:kms', sseKmsKeyId: 'alias/slipway-test' },
        multipartThreshold: 8 * 2 ** 20,
        partSize: 5 * 2 ** 20,
      });
      const puts = proxy.seen.filter((r) => r.method === 'PUT' && !r.url.includes('partNumber='));
      const creates = proxy.seen.filter((r) => r.method === 'POST' && r.url.includes('uploads'));
      const parts = proxy.seen.filter((r) => r.method === 'PUT' && r.url.includes('partNumber='));
      expect(puts).toHaveLength(1);
      expect(creates).toHaveLength(1);
      expect(parts).toHaveLength(3);
      for (const w of [...puts, ...creates]) {
        expect(w.headers['x-amz-server-side-encryption']).toBe('aws:kms');
        expect(w.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe('alias/slipway-test');
      }
      expectNoChecksumTrailers(proxy.seen);
    } finally {
      await proxy.close();
      await repo.cleanup();
    }
  });

  // The SDK frames uploads with checksum trailers only over TLS: an HTTPS endpoint is what shows they are off.
  itWith('/usr/bin/openssl', 'openssl')('over HTTPS to a custom endpoint, multipart parts go without aws-chunked framing or checksum trailers', async () => {
    const repo = await tempRepo();
    const keyFile = path.join(repo.dir, 'key.pem');
    const certFile = path.join(repo.dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const proxy = await startRecordingProxy(s3.url, undefined, { key: readFileSync(keyFile), cert: readFileSync(certFile) });
    try {
      await writeTree(repo.dir, { 'data/big.bin': randomFillSync(Buffer.alloc(11 * 2 ** 20)), 'data/small.txt': 'small' });
      await addArtifacts(quietRuntime(repo.dir), { paths: ['data'] });
      // The CLI in its own process, trusting the throwaway certificate the way a user would (NODE_EXTRA_CA_CERTS).
      const env = { ...process.env, NODE_EXTRA_CA_CERTS: certFile, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey };
      const out = await runCli(
        ['--json', '-q', 'artifacts', 'push', '--remote', 's3://artifacts/tls', '--endpoint', proxy.url, '--region', 'us-east-1'],
        repo.dir,
        // Multipart from 8 MiB (a store with a small single-PUT limit), so an 11 MiB file goes in parts.
        { ...env, SLIPWAY_S3_MULTIPART_THRESHOLD: String(8 * 2 ** 20), SLIPWAY_S3_PART_SIZE: String(5 * 2 ** 20) },
      );
      expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}').result.uploaded.objects).toBe(3);
      expect(proxy.seen.filter((r) => r.url.includes('partNumber='))).toHaveLength(3);
      expectNoChecksumTrailers(proxy.seen);
      // Files first, the folder's .dir listing last: a reader that sees the listing finds every file.
      const dirId = /md5: ([0-9a-f]{32})\.dir/.exec(readFileSync(path.join(repo.dir, 'data.dvc'), 'utf8'))?.[1] ?? '';
      const writes = proxy.seen.filter((r) => r.method === 'PUT' || r.method === 'POST').map((r) => r.url);
      expect(writes.at(-1)).toBe(`/artifacts/tls/files/md5/${dirId.slice(0, 2)}/${dirId.slice(2)}.dir`);
      expect(writes.filter((u) => u.includes('.dir'))).toHaveLength(1);
    } finally {
      await proxy.close();
      await repo.cleanup();
    }
  });

  test('throttling (503 SlowDown) and a server error are retried with backoff; the push completes', async () => {
    const repo = await tempRepo();
    let refused = 0;
    const proxy = await startRecordingProxy(s3.url, (r) => {
      if (r.method !== 'PUT' || refused >= 2) return undefined;
      refused++;
      return refused === 1
        ? { status: 503, body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>' }
        : { status: 500, body: '<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>' };
    });
    try {
      await writeTree(repo.dir, { 'w.bin': 'weights' });
      const rt = quietRuntime(repo.dir);
      await addArtifacts(rt, { paths: ['w.bin'] });
      const pushed = await pushArtifacts(rt, { remote: 's3://artifacts/throttled', s3: { endpoint: proxy.url, region: 'us-east-1' } });
      expect(pushed.uploaded.objects).toBe(1);
      expect(refused).toBe(2);
      expect(proxy.seen.filter((r) => r.method === 'PUT')).toHaveLength(3);
      const log = rt.lines.join('');
      expect(log).toMatch(/SlowDown.*retry 1/);
      expect(log).toMatch(/InternalError.*retry 2/);
    } finally {
      await proxy.close();
      await repo.cleanup();
    }
  });
});
