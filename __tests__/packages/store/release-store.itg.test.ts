import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { currentRelease, lastHealthyRelease, sealRelease } from '@slipway/release';
import { openReleaseStore } from '@slipway/store';
import { exportAwsCredentials, type S3Service, startS3 } from '../../helpers/services/index.js';
import { quietRuntime, tempRepo } from './helpers.js';

let s3: S3Service;
let restoreCredentials = () => {};
beforeAll(async () => {
  s3 = await startS3({ buckets: ['releases'] });
  restoreCredentials = exportAwsCredentials(s3);
});
afterAll(async () => {
  restoreCredentials();
  await s3?.stop();
});

const base = {
  schemaVersion: 1 as const,
  git: { sha: 'abcdef1234567', ref: 'refs/heads/main' },
  models: [{ path: 'models/v2', md5: '55d05978954d1b2cd7b06aedda9b9e43.dir', size: 17, nfiles: 3 }],
  createdAt: '2026-11-27T12:00:00Z',
};

test('releases and environment histories live in a bucket: content-addressed, append-only, in time order', async () => {
  const repo = await tempRepo();
  const rt = quietRuntime(repo.dir);
  const store = await openReleaseStore(rt, 's3://releases/support-bot', { endpoint: s3.url, region: 'us-east-1' });
  try {
    const v1 = sealRelease({ ...base, git: { ...base.git, sha: '1111111' } });
    const v2 = sealRelease(base);
    expect(await store.putRelease(v1.release)).toBe(v1.id);
    expect(await store.putRelease(v2.release)).toBe(v2.id);
    expect(await store.putRelease(v2.release)).toBe(v2.id); // idempotent
    expect(await store.getRelease(v2.id)).toEqual(v2.release);
    expect(await store.getRelease(`sha256:${'0'.repeat(64)}`)).toBeUndefined();

    // Appended out of order on purpose: the history comes back in time order.
    await store.append({ environment: 'production', releaseId: v2.id, outcome: 'in-progress', at: '2026-11-27T13:00:00Z' });
    await store.append({ environment: 'production', releaseId: v1.id, outcome: 'promoted', at: '2026-11-27T12:00:00Z' });
    await store.append({ environment: 'production', releaseId: v2.id, outcome: 'rolled-back', at: '2026-11-27T13:10:00Z', reason: 'error rate' });
    await store.append({ environment: 'staging', releaseId: v2.id, outcome: 'promoted', at: '2026-11-27T12:30:00Z' });
    const history = await store.history('production');
    expect(history.map((e) => [e.releaseId, e.outcome])).toEqual([
      [v1.id, 'promoted'],
      [v2.id, 'in-progress'],
      [v2.id, 'rolled-back'],
    ]);
    expect(currentRelease(history)?.releaseId).toBe(v1.id);
    expect(lastHealthyRelease(history)?.releaseId).toBe(v1.id);
    expect(await store.history('staging')).toHaveLength(1);
    expect(await store.history('nowhere')).toEqual([]);

    // A tampered record is refused.
    const client = new S3Client({
      endpoint: s3.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await client.send(
      new PutObjectCommand({
        Bucket: 'releases',
        Key: `support-bot/releases/${v1.id.slice(7)}.json`,
        Body: JSON.stringify({ ...v1.release, createdAt: '2030-01-01T00:00:00Z' }),
      }),
    );
    client.destroy();
    await expect(store.getRelease(v1.id)).rejects.toThrow(/does not match its content/);
  } finally {
    await store.close();
    await repo.cleanup();
  }
});

test('file:// gives the folder store of @slipway/release', async () => {
  const repo = await tempRepo();
  try {
    const store = await openReleaseStore(quietRuntime(repo.dir), 'file://release-history');
    const { id, release } = sealRelease(base);
    expect(await store.putRelease(release)).toBe(id);
    expect(await store.getRelease(id)).toEqual(release);
    await store.close();
  } finally {
    await repo.cleanup();
  }
});
