import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { KubernetesLauncher, type KubernetesLauncherOptions, type LaunchContext, TrainingError, type TrainJob, trainingManifest } from '@slipway/finetune';
import { exportAwsCredentials, startS3 } from '../../helpers/services/index.js';
import { type K8sScenario, type KubernetesFake, startKubernetesFake } from './kubernetes-fake.js';

const job: TrainJob = { name: 'support-bot-leg-2', params: { lr: 0.001, epochs: 2 }, data: { train: '/tmp/t.jsonl' }, outputDir: '/tmp/out', cwd: '/tmp' };

function context(signal = new AbortController().signal) {
  const lines: string[] = [];
  const log = { debug: () => {}, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn: ${m}`), error: (m: string) => lines.push(m) };
  const ctx: LaunchContext = { log, signal, setSecret: () => {} };
  return { ctx, lines };
}

const fakes: KubernetesFake[] = [];
async function fake(scenario: K8sScenario) {
  const f = await startKubernetesFake({ scenario });
  fakes.push(f);
  return f;
}
afterAll(async () => {
  for (const f of fakes) await f.stop();
});

function options(f: KubernetesFake, kind: 'job' | 'pytorchjob', extra: Partial<KubernetesLauncherOptions> = {}): KubernetesLauncherOptions {
  return {
    apiServer: f.url,
    token: f.token,
    namespace: 'ml',
    image: 'ghcr.io/acme/trainer:1',
    command: ['python', 'train.py'],
    kind,
    pollIntervalMs: 10,
    gpus: 1,
    outputUri: 's3://acme/models/run',
    ...extra,
  };
}

test.each(['job', 'pytorchjob'] as const)('a %s runs to completion: created valid, logs streamed, metrics read, output location returned', async (kind) => {
  const f = await fake('succeed');
  const { ctx, lines } = context();
  const result = await new KubernetesLauncher(options(f, kind, kind === 'pytorchjob' ? { workers: 3 } : {})).run(job, ctx);
  expect(f.violations).toEqual([]);
  expect(result.model).toBe('s3://acme/models/run');
  expect(result.metrics).toEqual({ step: 2, loss: 0.4 });
  expect(lines).toContain('saved model');
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
  const sent = f.created[0] as Record<string, any>;
  if (kind === 'pytorchjob') {
    expect(sent.spec.pytorchReplicaSpecs.Worker.replicas).toBe(3);
    expect(sent.spec.pytorchReplicaSpecs.Master.replicas).toBe(1);
    expect(sent.spec.pytorchReplicaSpecs.Master.template.spec.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
  } else {
    expect(sent.spec.backoffLimit).toBe(0);
    expect(sent.spec.template.spec.containers[0].env).toContainEqual({ name: 'SLIPWAY_PARAM_LR', value: '0.001' });
  }
});

test.each(['job', 'pytorchjob'] as const)("a failed %s fails with the condition's reason and the pod's termination message", async (kind) => {
  const f = await fake('fail');
  const error = await new KubernetesLauncher(options(f, kind)).run(job, context().ctx).catch((e: unknown) => e);
  expect(f.violations).toEqual([]);
  expect(error).toBeInstanceOf(TrainingError);
  const reason = kind === 'job' ? 'BackoffLimitExceeded: Job has reached the specified backoff limit' : 'PyTorchJobFailed: PyTorchJob';
  expect((error as Error).message).toContain(reason);
  expect((error as Error).message).toContain('OOMKilled, CUDA out of memory, exit code 137');
});

test('cancelling deletes the job (background propagation) and reports the cancel', async () => {
  const f = await fake('hang');
  const controller = new AbortController();
  const running = new KubernetesLauncher(options(f, 'job')).run(job, context(controller.signal).ctx);
  for (let i = 0; i < 100 && f.created.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  controller.abort('the workflow was cancelled (SIGTERM)');
  const error = await running.catch((e: unknown) => e);
  expect((error as TrainingError).outcome).toBe('cancelled');
  expect(f.deleted).toHaveLength(1);
  expect(f.violations).toEqual([]);
});

test('the fake refuses manifests the published schemas refuse', async () => {
  const f = await fake('succeed');
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
  const bad = trainingManifest(options(f, 'job'), job, 'Bad_Name') as Record<string, any>;
  const post = (body: unknown, plural = 'jobs', group = 'batch/v1') =>
    fetch(`${f.url}/apis/${group}/namespaces/ml/${plural}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post(bad)).status).toBe(422);
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
  const wrongType = trainingManifest(options(f, 'job'), job, 'ok') as Record<string, any>;
  wrongType.spec.backoffLimit = 'zero';
  expect((await post(wrongType)).status).toBe(422);
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
  const torch = trainingManifest(options(f, 'pytorchjob'), job, 'ok') as Record<string, any>;
  torch.spec.pytorchReplicaSpecs.Master.replicas = 'one';
  expect((await post(torch, 'pytorchjobs', 'kubeflow.org/v1')).status).toBe(422);
  expect(f.violations.map((v) => v.split(': ')[1])).toEqual([
    'metadata.name Bad_Name is not a DNS label of at most 63 characters',
    expect.stringContaining('not a valid batch/v1 Job'),
    expect.stringContaining('not a valid PyTorchJob (CRD schema)'),
  ]);
});

test('with dataS3 the checked data goes to the bucket first, and the pods get its URIs', async () => {
  const f = await fake('succeed');
  const s3 = await startS3({ buckets: ['ml-data'] });
  const restoreCredentials = exportAwsCredentials(s3);
  try {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-k8s-data-'));
    await writeFile(path.join(dir, 'train.jsonl'), '{"prompt":"p","completion":"c"}\n');
    const withData: TrainJob = { ...job, data: { train: path.join(dir, 'train.jsonl') } };
    await new KubernetesLauncher(options(f, 'job', { dataS3: 's3://ml-data/runs', s3Endpoint: s3.url })).run(withData, context().ctx);
    expect(f.violations).toEqual([]);
    // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
    const env = (f.created[0] as Record<string, any>).spec.template.spec.containers[0].env as { name: string; value: string }[];
    const uri = env.find((e) => e.name === 'SLIPWAY_TRAIN_URI')?.value ?? '';
    expect(uri).toMatch(/^s3:\/\/ml-data\/runs\/support-bot-leg-2-[a-z0-9]+\/train\/train\.jsonl$/);
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.url, forcePathStyle: true });
    const object = await client.send(new GetObjectCommand({ Bucket: 'ml-data', Key: uri.replace('s3://ml-data/', '') }));
    expect(await object.Body?.transformToString()).toBe('{"prompt":"p","completion":"c"}\n');
    client.destroy();
  } finally {
    restoreCredentials();
    await s3.stop();
  }
});
