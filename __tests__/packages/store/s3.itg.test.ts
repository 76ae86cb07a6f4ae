import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { addArtifacts, artifactStatus, pullArtifacts, pushArtifacts } from '@slipway/store';
import { exportAwsCredentials, type S3Service, startS3 } from '../../helpers/services/index.js';
import { quietRuntime, readTree, tempRepo, writeTree } from './helpers.js';

const md5 = (b: string | Buffer) => createHash('md5').update(b).digest('hex');

let s3: S3Service;
let restoreEnv: () => void = () => undefined;

beforeAll(async () => {
  s3 = await startS3({ buckets: ['artifacts'] });
  restoreEnv = exportAwsCredentials(s3, ['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']);
});

afterAll(async () => {
  restoreEnv();
  await s3?.stop();
});

const options = () => ({ remote: 's3://artifacts/team/models', s3: { endpoint: s3.url, region: 'us-east-1' } });

function client(): S3Client {
  return new S3Client({
    endpoint: s3.url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function getObject(key: string): Promise<Buffer> {
  const c = client();
  try {
    const res = await c.send(new GetObjectCommand({ Bucket: 'artifacts', Key: key }));
    return Buffer.from(await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  } finally {
    c.destroy();
  }
}

describe('s3:// remote against s3rver', () => {
  test('folders and files with non-ASCII names round trip byte for byte, in the DVC layout', async () => {
    const a = await tempRepo();
    const b = await tempRepo();
    try {
      await writeTree(a.dir, {
        'model/weights.bin': Buffer.alloc(2 * 2 ** 20, 3),
        'model/config.json': '{"layers": 2}',
        'model/ütf-8/日本語.txt': 'konnichiwa',
        'notes.md': '# notes',
      });
      const rt = quietRuntime(a.dir);
      const added = await addArtifacts(rt, { paths: ['model', 'notes.md'] });
      const pushed = await pushArtifacts(rt, options());
      expect(pushed.remote).toBe('s3://artifacts/team/models');
      expect(pushed.uploaded.objects).toBe(5);
      const dirId = added.paths[0]?.md5 as string;
      // The .dir object on S3 is exactly the listing DVC would have written.
      const listing = await getObject(`team/models/files/md5/${dirId.slice(0, 2)}/${dirId.slice(2)}`);
      expect(`${md5(listing)}.dir`).toBe(dirId);
      expect(JSON.parse(listing.toString()).map((e: { relpath: string }) => e.relpath)).toEqual(['config.json', 'weights.bin', 'ütf-8/日本語.txt']);
      expect((await getObject(`team/models/files/md5/${md5('# notes').slice(0, 2)}/${md5('# notes').slice(2)}`)).toString()).toBe('# notes');

      const second = await pushArtifacts(rt, options());
      expect(second.uploaded.objects).toBe(0);

      for (const f of ['model.dvc', 'notes.md.dvc']) await copyFile(path.join(a.dir, f), path.join(b.dir, f));
      const rtB = quietRuntime(b.dir);
      const status = await artifactStatus(rtB, options());
      expect(status.paths.map((p) => p.status)).toEqual(['missing', 'missing']);
      const pulled = await pullArtifacts(rtB, options());
      expect(pulled.downloaded.objects).toBe(4);
      expect(await readTree(path.join(b.dir, 'model'))).toEqual(await readTree(path.join(a.dir, 'model')));
      expect(await readFile(path.join(b.dir, 'notes.md'), 'utf8')).toBe('# notes');
      expect((await artifactStatus(rtB, options())).upToDate).toBe(true);
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  test('a big file goes up in parts, and a push killed midway resumes with the parts it stored', async () => {
    const repo = await tempRepo();
    try {
      const big = Buffer.alloc(24 * 2 ** 20);
      for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
      await writeTree(repo.dir, { 'big.bin': big });
      const rt = quietRuntime(repo.dir);
      await addArtifacts(rt, { paths: ['big.bin'] });
      const tuning = { multipartThreshold: 8 * 2 ** 20, partSize: 5 * 2 ** 20, jobs: 1 };
      let stored = 0;
      const crash = await pushArtifacts(rt, {
        ...options(),
        ...tuning,
        afterPart: () => {
          stored++;
          if (stored === 2) throw new Error('simulated crash after 2 parts');
        },
      }).catch((e: unknown) => e);
      expect((crash as Error).message).toMatch(/simulated crash/);
      const uploads = await readFile(
        path.join(
          repo.dir,
          '.slipway/state/uploads',
          (await import('node:fs/promises').then((f) => f.readdir(path.join(repo.dir, '.slipway/state/uploads'))))[0] as string,
        ),
        'utf8',
      );
      expect(Object.keys(JSON.parse(uploads).parts)).toEqual(['1', '2']);
      const lines: string[] = [];
      const rt2 = quietRuntime(repo.dir);
      const resumed = await pushArtifacts(rt2, { ...options(), ...tuning, afterPart: () => lines.push('part') });
      expect(resumed.uploaded.objects).toBe(1);
      expect(lines).toHaveLength(3); // 5 parts in all, 2 kept from the first run
      expect(rt2.lines.join('')).toMatch(/resuming the upload of files\/md5\/.*: 2 part\(s\) already stored/);
      expect(md5(await getObject(`team/models/files/md5/${md5(big).slice(0, 2)}/${md5(big).slice(2)}`))).toBe(md5(big));
      await expect(stat(path.join(repo.dir, '.slipway/state/uploads'))).resolves.toBeTruthy();
    } finally {
      await repo.cleanup();
    }
  });

  test('a corrupted object on S3 fails the pull, names it, and places nothing', async () => {
    const a = await tempRepo();
    const b = await tempRepo();
    try {
      await writeTree(a.dir, { 'w.bin': 'the real weights' });
      const rt = quietRuntime(a.dir);
      await addArtifacts(rt, { paths: ['w.bin'] });
      await pushArtifacts(rt, { ...options(), remote: 's3://artifacts/corrupt' });
      const id = md5('the real weights');
      const c = client();
      await c.send(new PutObjectCommand({ Bucket: 'artifacts', Key: `corrupt/files/md5/${id.slice(0, 2)}/${id.slice(2)}`, Body: 'tampered' }));
      c.destroy();
      await copyFile(path.join(a.dir, 'w.bin.dvc'), path.join(b.dir, 'w.bin.dvc'));
      const error = (await pullArtifacts(quietRuntime(b.dir), { ...options(), remote: 's3://artifacts/corrupt' }).catch((e: unknown) => e)) as Error & {
        exitCode: number;
      };
      expect(error.name).toBe('IntegrityError');
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain(`s3://artifacts/corrupt/files/md5/${id.slice(0, 2)}/${id.slice(2)}`);
      expect(Object.keys(await readTree(b.dir))).toEqual(['w.bin.dvc']);
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  test('missing credentials: one line naming the variables and the OIDC action, nothing written', async () => {
    const repo = await tempRepo();
    const keep = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    try {
      await writeTree(repo.dir, { 'x.bin': 'x' });
      await addArtifacts(quietRuntime(repo.dir), { paths: ['x.bin'] });
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      process.env.AWS_CONFIG_FILE = path.join(repo.dir, 'none');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(repo.dir, 'none');
      // No instance metadata here: make the chain give up at once instead of probing the network.
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      const error = (await pushArtifacts(quietRuntime(repo.dir), options()).catch((e: unknown) => e)) as { exitCode: number; message: string; hint: string };
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(/^no AWS credentials for s3:\/\/artifacts\/team\/models/);
      expect(error.hint).toMatch(/AWS_ACCESS_KEY_ID.*AWS_SECRET_ACCESS_KEY.*aws-actions\/configure-aws-credentials/);
    } finally {
      if (keep.id !== undefined) process.env.AWS_ACCESS_KEY_ID = keep.id;
      if (keep.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = keep.secret;
      delete process.env.AWS_EC2_METADATA_DISABLED;
      await repo.cleanup();
    }
  });

  test('a pull (downloads on worker threads) and a status (HEADs) name a missing bucket and missing credentials, and writes nothing', async () => {
    const a = await tempRepo();
    const b = await tempRepo();
    const keep = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    try {
      await writeTree(a.dir, { 'big.bin': Buffer.alloc(3 * 2 ** 20, 7), 'small.txt': 'small' });
      await addArtifacts(quietRuntime(a.dir), { paths: ['big.bin', 'small.txt'] });
      for (const f of ['big.bin.dvc', 'small.txt.dvc']) await copyFile(path.join(a.dir, f), path.join(b.dir, f));
      const noBucket = (await pullArtifacts(quietRuntime(b.dir), { ...options(), remote: 's3://no-such-bucket/p' }).catch((e: unknown) => e)) as {
        message: string;
        exitCode: number;
      };
      expect(noBucket.message).toMatch(/bucket "no-such-bucket" does not exist/);
      expect(noBucket.exitCode).toBe(2);
      // status asks with HEADs, which answer a missing bucket with a bare 404 like a missing object.
      const statusError = (await artifactStatus(quietRuntime(a.dir), { ...options(), remote: 's3://no-such-bucket/p' }).catch((e: unknown) => e)) as {
        message: string;
      };
      expect(statusError.message).toMatch(/bucket "no-such-bucket" does not exist/);
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      process.env.AWS_CONFIG_FILE = path.join(b.dir, 'none');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(b.dir, 'none');
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
      const noCredentials = (await pullArtifacts(quietRuntime(b.dir), options()).catch((e: unknown) => e)) as { message: string; hint: string };
      expect(noCredentials.message).toMatch(/^no AWS credentials for s3:\/\/artifacts\/team\/models/);
      expect(noCredentials.hint).toMatch(/aws-actions\/configure-aws-credentials/);
      await expect(stat(path.join(b.dir, 'big.bin'))).rejects.toThrow(/ENOENT/);
      await expect(stat(path.join(b.dir, 'small.txt'))).rejects.toThrow(/ENOENT/);
    } finally {
      if (keep.id !== undefined) process.env.AWS_ACCESS_KEY_ID = keep.id;
      if (keep.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = keep.secret;
      delete process.env.AWS_EC2_METADATA_DISABLED;
      await a.cleanup();
      await b.cleanup();
    }
  });

  test('a big download writes the local cache copy as it arrives: read-only, identical, nothing left in the state folder', async () => {
    const a = await tempRepo();
    const b = await tempRepo();
    try {
      const bytes = Buffer.alloc(5 * 2 ** 20);
      for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(i, i);
      await writeTree(a.dir, { 'w.bin': bytes });
      await addArtifacts(quietRuntime(a.dir), { paths: ['w.bin'] });
      await pushArtifacts(quietRuntime(a.dir), options());
      await copyFile(path.join(a.dir, 'w.bin.dvc'), path.join(b.dir, 'w.bin.dvc'));
      const pulled = await pullArtifacts(quietRuntime(b.dir), options());
      expect(pulled.downloaded.objects).toBe(1);
      const id = createHash('md5').update(bytes).digest('hex');
      const cached = path.join(b.dir, '.slipway/cache/files/md5', id.slice(0, 2), id.slice(2));
      expect((await readFile(cached)).equals(bytes)).toBe(true);
      expect((await stat(cached)).mode & 0o777).toBe(0o444);
      expect((await readFile(path.join(b.dir, 'w.bin'))).equals(bytes)).toBe(true);
      expect(await readdir(path.join(b.dir, '.slipway/state/downloads'))).toEqual([]);
      // Without the cache: one copy only.
      const c = await tempRepo();
      try {
        await copyFile(path.join(a.dir, 'w.bin.dvc'), path.join(c.dir, 'w.bin.dvc'));
        await pullArtifacts(quietRuntime(c.dir), { ...options(), keepCache: false });
        await expect(stat(path.join(c.dir, '.slipway/cache/files/md5', id.slice(0, 2), id.slice(2)))).rejects.toThrow(/ENOENT/);
        expect(await readdir(path.join(c.dir, '.slipway/state/downloads'))).toEqual([]);
      } finally {
        await c.cleanup();
      }
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  test('a bucket that does not exist is named', async () => {
    const repo = await tempRepo();
    try {
      await writeTree(repo.dir, { 'x.bin': 'x' });
      await addArtifacts(quietRuntime(repo.dir), { paths: ['x.bin'] });
      const error = (await pushArtifacts(quietRuntime(repo.dir), { ...options(), remote: 's3://no-such-bucket/p' }).catch((e: unknown) => e)) as {
        message: string;
      };
      expect(error.message).toMatch(/bucket "no-such-bucket" does not exist/);
      await mkdir(path.join(repo.dir, 'unused'), { recursive: true });
    } finally {
      await repo.cleanup();
    }
  });
});
