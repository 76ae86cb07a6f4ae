import { createHash } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { addArtifacts, pushArtifacts } from '@slipway/store';
import { exportAwsCredentials } from '../../helpers/services/index.js';
import { quietRuntime, readTree, tempRepo, writeTree } from './helpers.js';

/**
 * A small S3 stand-in that honours `If-None-Match: *` the way S3 does (412 when the key exists),
 * which s3rver ignores. It checks every PUT: conditional header present, Content-MD5 equal to the body's.
 */
async function startConditionalS3() {
  const objects = new Map<string, Buffer>();
  const log = { created: 0, preconditionFailed: 0, badRequests: [] as string[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const [, bucket, ...rest] = url.pathname.split('/');
      const key = rest.map(decodeURIComponent).join('/');
      if (bucket !== 'shared') {
        res.writeHead(404).end('<Error><Code>NoSuchBucket</Code><Message>no</Message></Error>');
        return;
      }
      if (req.method === 'HEAD' && key === '') return void res.writeHead(200).end();
      if (req.method === 'HEAD') return void res.writeHead(objects.has(key) ? 200 : 404).end();
      if (req.method === 'PUT') {
        const body = Buffer.concat(chunks);
        const md5 = createHash('md5').update(body).digest('base64');
        if (req.headers['if-none-match'] !== '*') log.badRequests.push(`${key}: no If-None-Match`);
        if (req.headers['content-md5'] !== md5) log.badRequests.push(`${key}: Content-MD5 ${req.headers['content-md5']} != ${md5}`);
        // Hold the write a moment so racing writers overlap.
        setTimeout(() => {
          if (objects.has(key)) {
            log.preconditionFailed++;
            res
              .writeHead(412)
              .end('<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>');
            return;
          }
          objects.set(key, body);
          log.created++;
          res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
        }, 15);
        return;
      }
      if (req.method === 'GET' && objects.has(key)) return void res.writeHead(200).end(objects.get(key));
      log.badRequests.push(`${req.method} ${req.url}`);
      res.writeHead(501).end('<Error><Code>NotImplemented</Code><Message>fake</Message></Error>');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, objects, log, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

test('two jobs pushing the same content at once both succeed; each object is written once', async () => {
  const fake = await startConditionalS3();
  const a = await tempRepo();
  const b = await tempRepo();
  const restoreCredentials = exportAwsCredentials({ accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' });
  try {
    await writeTree(a.dir, { 'model/a.bin': 'weights a', 'model/b.bin': 'weights b', 'model/c.bin': 'weights c' });
    await addArtifacts(quietRuntime(a.dir), { paths: ['model'] });
    await writeTree(b.dir, { 'model/a.bin': 'weights a', 'model/b.bin': 'weights b', 'model/c.bin': 'weights c' });
    await addArtifacts(quietRuntime(b.dir), { paths: ['model'] });
    await copyFile(path.join(a.dir, 'model.dvc'), path.join(b.dir, 'model.dvc'));
    const options = { remote: 's3://shared/p', s3: { endpoint: fake.url, region: 'us-east-1' } };
    const [ra, rb] = await Promise.all([pushArtifacts(quietRuntime(a.dir), options), pushArtifacts(quietRuntime(b.dir), options)]);
    expect(fake.log.badRequests).toEqual([]);
    expect(fake.objects.size).toBe(4); // three files and the .dir listing
    expect(fake.log.created).toBe(4);
    expect(fake.log.preconditionFailed).toBeGreaterThan(0);
    // Every object is accounted for once per job: uploaded by one, "already there" (412) for the other.
    expect(ra.uploaded.objects + ra.skipped.objects).toBe(4);
    expect(rb.uploaded.objects + rb.skipped.objects).toBe(4);
    expect(ra.uploaded.objects + rb.uploaded.objects).toBe(4);
    expect(
      fake.objects
        .get(`p/files/md5/${createHash('md5').update('weights b').digest('hex').slice(0, 2)}/${createHash('md5').update('weights b').digest('hex').slice(2)}`)
        ?.toString(),
    ).toBe('weights b');
  } finally {
    restoreCredentials();
    await a.cleanup();
    await b.cleanup();
    await fake.stop();
  }
});

test('two jobs pushing the same folder at once to one file:// remote both succeed; every object is whole, no temporary file is left', async () => {
  const a = await tempRepo();
  const b = await tempRepo();
  const remote = await tempRepo('slipway-race-');
  try {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 40; i++) files[`model/part-${i}.bin`] = Buffer.alloc(64 * 1024 + i, i);
    files['model/big.bin'] = Buffer.alloc(3 * 2 ** 20, 9);
    for (const r of [a, b]) {
      await writeTree(r.dir, files);
      await addArtifacts(quietRuntime(r.dir), { paths: ['model'] });
    }
    const options = { remote: `file://${remote.dir}`, jobs: 4 };
    const [ra, rb] = await Promise.all([pushArtifacts(quietRuntime(a.dir), options), pushArtifacts(quietRuntime(b.dir), options)]);
    expect(ra.uploaded.objects + ra.skipped.objects).toBe(42);
    expect(rb.uploaded.objects + rb.skipped.objects).toBe(42);
    const stored = await readTree(remote.dir);
    expect(Object.keys(stored)).toHaveLength(42);
    expect(Object.keys(stored).filter((k) => k.includes('slipway-tmp'))).toEqual([]);
    // Each object's bytes hash to its name: nothing torn by the race.
    for (const [key, md5] of Object.entries(stored)) expect(key.replace(/^files\/md5\/(..)\//, '$1').replace(/\.dir$/, '')).toBe(md5);
  } finally {
    await Promise.all([a.cleanup(), b.cleanup(), remote.cleanup()]);
  }
});
