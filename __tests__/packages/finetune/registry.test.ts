import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HubRegistry, MlflowRegistry, type NewEntry, S3Registry, StoreRegistry } from '@slipway/finetune';
import { parse } from 'yaml';
import { exportAwsCredentials, startS3 } from '../../helpers/services/index.js';
import { startHubFake } from './hub-fake.js';
import { startMlflowFake } from './mlflow-fake.js';

const entry = (stage = 'staging'): NewEntry => ({
  name: 'support-bot',
  stage,
  createdAt: '2026-11-28T00:00:00Z',
  model: { location: 'model-leg-4', launcher: 'command', jobId: '' },
  metrics: { 'pass-rate': 0.935, 'rouge-l': 0.896 },
  eval: { metric: 'pass-rate', value: 0.935 },
  params: { dims: 4096 },
  dataDigest: `sha256:${'d'.repeat(64)}`,
  code: { sha: 'a'.repeat(40), ref: 'refs/heads/main' },
  release: `sha256:${'r'.repeat(64)}`.replace(/r/g, 'e'),
});

test('the store registry numbers versions 1, 2, …, even when runs register at the same moment', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'slipway-registry-'));
  const registry = new StoreRegistry(root);
  const results = await Promise.all(Array.from({ length: 8 }, () => registry.register(entry())));
  expect(results.map((r) => r.version).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  const versions = await registry.versions('support-bot');
  expect(versions).toHaveLength(8);
  expect(versions[0]).toMatchObject({ schema: 'slipway.model/v1', name: 'support-bot', stage: 'staging', dataDigest: entry().dataDigest });
  await registry.register(entry('production'));
  expect((await registry.latest('support-bot', 'production'))?.version).toBe('9');
  expect((await registry.latest('support-bot', 'staging'))?.version).toBe('8');
});

test('MLflow: registered model once, a version per run with metrics, data digest, code and release as tags, moved to its stage', async () => {
  const fake = await startMlflowFake({ token: 'mlflow-token-123' });
  try {
    const registry = new MlflowRegistry(fake.url, 'mlflow-token-123');
    const first = await registry.register(entry());
    const second = await registry.register(entry('production'));
    expect(fake.violations).toEqual([]);
    expect([first.version, second.version]).toEqual(['1', '2']);
    const versions = fake.models.get('support-bot')?.versions ?? [];
    expect(versions.map((v) => v.stage)).toEqual(['Staging', 'Production']);
    expect(versions[0]?.tags).toMatchObject({
      'metric.pass-rate': '0.935',
      'param.dims': '4096',
      'slipway.data_digest': entry().dataDigest,
      'slipway.git_sha': 'a'.repeat(40),
      'slipway.release': entry().release,
    });
    expect(versions[0]?.source).toBe('model-leg-4');
    // An unknown stage is kept as a tag, not sent as a stage MLflow would refuse.
    await registry.register(entry('canary'));
    expect(fake.models.get('support-bot')?.versions[2]?.stage).toBe('None');
    expect(fake.violations).toEqual([]);
  } finally {
    await fake.stop();
  }
});

test('the MLflow fake refuses what the protocol refuses', async () => {
  const fake = await startMlflowFake();
  try {
    const post = (route: string, body: unknown) =>
      fetch(`${fake.url}/api/2.0/mlflow/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('model-versions/create', { name: 'x' })).status).toBe(400);
    expect((await post('model-versions/transition-stage', { name: 'x', version: '1', stage: 'Staging' })).status).toBe(400);
    expect((await post('registered-models/create', { name: 'x', colour: 'red' })).status).toBe(400);
    expect(fake.violations).toHaveLength(3);
  } finally {
    await fake.stop();
  }
});

test('Hugging Face Hub: a private repository created once, each version a commit of the model card and the entry', async () => {
  const hub = await startHubFake();
  try {
    const registry = new HubRegistry('acme/support-bot', hub.token, hub.url);
    const first = await registry.register(entry());
    const second = await registry.register(entry('production'));
    expect(hub.violations).toEqual([]);
    expect(first.version).toMatch(/^[0-9a-f]{40}$/);
    expect(second.version).not.toBe(first.version);
    const repo = hub.repos.get('acme/support-bot');
    expect(repo?.private).toBe(true);
    expect(repo?.commits).toHaveLength(2);
    const card = repo?.files.get('README.md') ?? '';
    const meta = parse(card.split('---')[1] ?? '') as {
      slipway: Record<string, string>;
      'model-index': { results: { metrics: { type: string; value: number }[] }[] }[];
    };
    expect(meta.slipway).toMatchObject({ stage: 'production', data_digest: entry().dataDigest, git_sha: 'a'.repeat(40) });
    expect(meta['model-index'][0]?.results[0]?.metrics).toContainEqual({ type: 'pass-rate', value: 0.935 });
    expect(JSON.parse(repo?.files.get('slipway-model.json') ?? '{}')).toMatchObject({ name: 'support-bot', stage: 'production', release: entry().release });
  } finally {
    await hub.stop();
  }
});

test('the store registry on an s3:// store: versions under the store prefix, the next number after the highest', async () => {
  const s3 = await startS3({ buckets: ['models'] });
  const restoreCredentials = exportAwsCredentials(s3);
  try {
    const registry = new S3Registry({ bucket: 'models', prefix: 'support-bot/store', endpoint: s3.url, region: 'us-east-1' });
    expect(await registry.register(entry())).toEqual({ version: '1', url: 's3://models/support-bot/store/registry/support-bot/1.json' });
    expect((await registry.register(entry('production'))).version).toBe('2');
    const versions = await registry.versions('support-bot');
    expect(versions.map((v) => [v.version, v.stage, v.schema])).toEqual([
      ['1', 'staging', 'slipway.model/v1'],
      ['2', 'production', 'slipway.model/v1'],
    ]);
    expect(versions[1]?.dataDigest).toBe(entry().dataDigest);
  } finally {
    restoreCredentials();
    await s3.stop();
  }
});
