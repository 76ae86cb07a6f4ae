import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  type CanaryStrategyInput,
  ConflictError,
  ManualClock,
  MemoryRouter,
  type MetricSource,
  openDeliveryStores,
  type RolloutState,
  runCanary,
} from '@slipway/delivery';
import { S3RolloutStore } from '@slipway/delivery/aws';
import type { Runtime } from '@slipway/kit';
import { exportAwsCredentials, type S3Service, startS3 } from '../../helpers/services/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let s3: S3Service;
let restoreCredentials = () => {};
beforeAll(async () => {
  s3 = await startS3({ buckets: ['state'] });
  restoreCredentials = exportAwsCredentials(s3);
});
afterAll(async () => {
  restoreCredentials();
  await s3?.stop();
});

let n = 0;
const store = (o: Partial<ConstructorParameters<typeof S3RolloutStore>[0]> = {}) =>
  new S3RolloutStore({ bucket: 'state', prefix: `t${++n}`, endpoint: s3.url, region: 'us-east-1', ...o });

const base = (environment = 'production'): RolloutState => ({
  environment,
  releaseId: `sha256:${'a'.repeat(64)}`,
  status: 'running',
  stepIndex: 0,
  weight: 0,
  startedAt: '2026-11-28T00:00:00.000Z',
  stepStartedAt: '2026-11-28T00:00:00.000Z',
  decisions: [],
  revision: 0,
});

describe('rollout state in S3 (s3rver)', () => {
  test('s3rver ignores If-None-Match on PUT: a conditional create overwrites (why the store does not rely on it)', async () => {
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.url,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await client.send(new PutObjectCommand({ Bucket: 'state', Key: 'probe', Body: 'first', IfNoneMatch: '*' }));
    await client.send(new PutObjectCommand({ Bucket: 'state', Key: 'probe', Body: 'second', IfNoneMatch: '*' }));
    const got = await client.send(new GetObjectCommand({ Bucket: 'state', Key: 'probe' }));
    expect(await got.Body?.transformToString()).toBe('second');
    client.destroy();
  });

  test('saves and loads with compare-and-swap: a stale revision is refused', async () => {
    const s = store();
    expect(await s.load('production')).toBeUndefined();
    const first = await s.save(base());
    expect(first.revision).toBe(1);
    const second = await s.save({ ...first, stepIndex: 1 });
    expect(second.revision).toBe(2);
    await expect(s.save({ ...first, stepIndex: 7 })).rejects.toBeInstanceOf(ConflictError);
    expect(await s.load('production')).toMatchObject({ stepIndex: 1, revision: 2 });
    // Many saves later only the last two revisions are kept in the bucket.
    let cur = second;
    for (let i = 0; i < 5; i++) cur = await s.save({ ...cur, stepIndex: cur.stepIndex + 1 });
    expect(await s.load('production')).toMatchObject({ stepIndex: 6, revision: 7 });
    s.close();
  });

  test('two controllers racing for the same revision: never both win, and the state is one of theirs', async () => {
    const prefix = `race${++n}`;
    const a0 = new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url });
    let start = await a0.save(base());
    let bothLost = 0;
    for (let round = 0; round < 12; round++) {
      // Both have read revision `start.revision`; both PUT before either lists (a barrier), so they truly race.
      let arrived = 0;
      let release: () => void = () => {};
      const barrier = new Promise<void>((r) => {
        release = r;
      });
      const afterPut = async () => {
        if (++arrived === 2) release();
        await barrier;
      };
      const a = new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url, afterPut });
      const b = new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url, afterPut });
      const results = await Promise.allSettled([a.save({ ...start, stepIndex: 100 + round }), b.save({ ...start, stepIndex: 200 + round })]);
      const won = results.filter((r) => r.status === 'fulfilled');
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
      expect(won.length).toBeLessThanOrEqual(1);
      const now = (await a0.load('production')) as RolloutState;
      if (won.length === 1) {
        expect(now).toEqual((won[0] as PromiseFulfilledResult<RolloutState>).value);
        start = now;
      } else {
        bothLost++;
        expect(now.revision).toBe(start.revision);
      }
      a.close();
      b.close();
    }
    // With both PUTs before either LIST, both always see each other: the honest outcome is a double loss.
    expect(bothLost).toBe(12);
    a0.close();
  });

  test('a writer that arrives while another is mid-save loses, and the first one commits', async () => {
    const prefix = `seq${++n}`;
    const b = new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url });
    const start = await b.save(base());
    let bResult: unknown;
    // A has written its candidate; B reads the same revision, writes, lists, sees A and backs off; then A lists.
    const a = new S3RolloutStore({
      bucket: 'state',
      prefix,
      endpoint: s3.url,
      afterPut: async () => {
        bResult = await b.save({ ...start, stepIndex: 2 }).catch((e: unknown) => e);
      },
    });
    const won = await a.save({ ...start, stepIndex: 1 });
    expect(bResult).toBeInstanceOf(ConflictError);
    expect(await b.load('production')).toEqual(won);
    a.close();
    b.close();
  });

  test('a candidate left by a crashed writer is invisible to readers, blocks a save while fresh, and is ignored once stale', async () => {
    const prefix = `crash${++n}`;
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.url, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const first = await new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url }).save(base());
    // A writer that PUT its candidate for revision 2 and died before committing.
    await client.send(new PutObjectCommand({ Bucket: 'state', Key: `${prefix}/rollouts/production/0000000002/dead-writer.json`, Body: '{"crashed":true}' }));
    const fresh = new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url, staleMs: 60_000 });
    expect(await fresh.load('production')).toEqual(first);
    await expect(fresh.save({ ...first, stepIndex: 1 })).rejects.toBeInstanceOf(ConflictError);
    const later = new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url, staleMs: 0 });
    const saved = await later.save({ ...first, stepIndex: 1 });
    expect(saved.revision).toBe(2);
    expect(await later.load('production')).toEqual(saved);
    client.destroy();
    fresh.close();
    later.close();
  });

  test('racing without a barrier: across many rounds at most one writer wins each revision, and its write is the state', async () => {
    const prefix = `free${++n}`;
    const writers = Array.from({ length: 4 }, () => new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url }));
    let state = await (writers[0] as S3RolloutStore).save(base());
    let wins = 0;
    for (let round = 0; round < 10; round++) {
      const from = state;
      const results = await Promise.allSettled(writers.map((w, i) => w.save({ ...from, stepIndex: from.stepIndex + 1, weight: i })));
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(won.length).toBeLessThanOrEqual(1);
      state = (await (writers[0] as S3RolloutStore).load('production')) as RolloutState;
      if (won[0]) {
        wins++;
        expect(state).toEqual(won[0]);
      } else expect(state.revision).toBe(from.revision);
    }
    expect(state.revision).toBe(1 + wins);
    for (const w of writers) w.close();
  });

  test('a canary run twice at once on S3 state: one moves the rollout, the other stops with a conflict', async () => {
    const prefix = `canary${++n}`;
    const router = new MemoryRouter();
    const source: MetricSource = {
      async collect() {
        return { 'error-rate': { test: 'proportion', stable: { events: 5, trials: 500 }, canary: { events: 1, trials: 100 } } };
      },
    };
    const strategy: CanaryStrategyInput = {
      steps: [{ setWeight: 10 }, { analysis: { duration: '1m', interval: '30s' } }],
      metrics: [{ name: 'error-rate', test: 'proportion', minSample: 50 }],
    };
    const run = (afterPut?: () => Promise<void>) =>
      runCanary({
        environment: 'production',
        releaseId: `sha256:${'b'.repeat(64)}`,
        strategy,
        router,
        source,
        store: new S3RolloutStore({ bucket: 'state', prefix, endpoint: s3.url, ...(afterPut ? { afterPut } : {}) }),
        clock: new ManualClock(),
      });
    const results = await Promise.allSettled([run(), run()]);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) expect((f as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    // Whatever happened, a re-run finishes the job from the stored state.
    const again = await run();
    expect(again.result).toBe('promoted');
  });

  test('deploy.state: s3://bucket/prefix opens the S3 state and the release history beside it', async () => {
    const rt = { cwd: process.cwd(), setSecret() {}, log: { debug() {}, info() {}, warn() {}, error() {} } } as unknown as Runtime;
    const stores = await openDeliveryStores(rt, 's3://state/delivery', process.cwd(), { endpoint: s3.url, region: 'us-east-1' });
    try {
      expect(stores.display).toBe('s3://state/delivery');
      const saved = await stores.rollouts.save(base('staging'));
      expect(await stores.rollouts.load('staging')).toEqual(saved);
      await stores.history.append({ environment: 'staging', releaseId: saved.releaseId, outcome: 'in-progress', at: '2026-11-28T00:00:00Z' });
      expect((await stores.history.history('staging')).map((h) => h.outcome)).toEqual(['in-progress']);
    } finally {
      await stores.close();
    }
  });
});
