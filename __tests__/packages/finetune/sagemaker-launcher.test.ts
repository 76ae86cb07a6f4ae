import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type LaunchContext, SageMakerLauncher, type SageMakerLauncherOptions, TrainingError, type TrainJob } from '@slipway/finetune';
import { type S3Service, startS3 } from '../../helpers/services/index.js';
import { type SageMakerFake, type SageMakerScenario, startSageMakerFake, validateShape } from './sagemaker-fake.js';

let job: TrainJob;
let s3: S3Service;

function context(signal = new AbortController().signal) {
  const lines: string[] = [];
  const secrets: string[] = [];
  const log = { debug: () => {}, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn: ${m}`), error: (m: string) => lines.push(m) };
  const ctx: LaunchContext = { log, signal, setSecret: (v) => secrets.push(v) };
  return { ctx, lines, secrets };
}

const fakes: SageMakerFake[] = [];
const saved = { ...process.env };
beforeAll(async () => {
  // The data upload goes to a real S3 (s3rver); the SageMaker control plane is the contract fake.
  s3 = await startS3({ buckets: ['acme-ml'] });
  process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-sagemaker-'));
  await writeFile(path.join(dir, 'train.jsonl'), '{"prompt":"p","completion":"c"}\n');
  await writeFile(path.join(dir, 'validation.jsonl'), '{"prompt":"v","completion":"w"}\n');
  job = {
    name: 'support-bot-leg-3',
    params: { epochs: 3, lr: 0.0001 },
    data: { train: path.join(dir, 'train.jsonl'), validation: path.join(dir, 'validation.jsonl') },
    outputDir: dir,
    cwd: dir,
  };
});
afterAll(async () => {
  for (const f of fakes) await f.stop();
  await s3?.stop();
  process.env = saved;
});
async function fake(scenario: SageMakerScenario) {
  const f = await startSageMakerFake({ scenario });
  fakes.push(f);
  return f;
}
const options = (f: SageMakerFake): SageMakerLauncherOptions => ({
  region: 'us-east-1',
  endpoint: f.url,
  roleArn: 'arn:aws:iam::123456789012:role/SageMakerTraining',
  image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1',
  instanceType: 'ml.g5.2xlarge',
  inputS3: 's3://acme-ml/data',
  s3Endpoint: s3.url,
  outputS3: 's3://acme-ml/models',
  pollIntervalMs: 10,
});

test('CreateTrainingJob is valid against the Smithy model, waited on, and its output location returned', async () => {
  const f = await fake('succeed');
  const { ctx, secrets } = context();
  const result = await new SageMakerLauncher(options(f)).run(job, ctx);
  expect(f.violations).toEqual([]);
  expect(result.model).toMatch(/^s3:\/\/acme-ml\/models\/support-bot-leg-3-[a-z0-9]+\/output\/model\.tar\.gz$/);
  expect(result.metrics).toEqual({ 'validation:loss': 0.21 });
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
  const create = f.calls.find((c) => c.operation === 'CreateTrainingJob')?.body as Record<string, any>;
  expect(create.HyperParameters).toEqual({ epochs: '3', lr: '0.0001' });
  expect(create.InputDataConfig.map((c: { ChannelName: string }) => c.ChannelName)).toEqual(['train', 'validation']);
  // The channels point at the data that was checked, uploaded under this job's own prefix.
  const trainUri = create.InputDataConfig[0].DataSource.S3DataSource.S3Uri as string;
  expect(trainUri).toBe(`s3://acme-ml/data/${create.TrainingJobName}/train/`);
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.url, forcePathStyle: true });
  const object = await client.send(new GetObjectCommand({ Bucket: 'acme-ml', Key: `data/${create.TrainingJobName}/train/train.jsonl` }));
  expect(await object.Body?.transformToString()).toBe('{"prompt":"p","completion":"c"}\n');
  client.destroy();
  expect(secrets).toContain(s3.secretAccessKey);
});

test.each([
  ['fail', 'failed', 'AlgorithmError: ExecuteUserScriptError: CUDA out of memory'],
  ['max-runtime', 'timed-out', 'MaxRuntimeInSeconds exceeded'],
] as const)('a %s job fails the step with SageMaker’s own reason', async (scenario, outcome, reason) => {
  const f = await fake(scenario);
  const error = await new SageMakerLauncher(options(f)).run(job, context().ctx).catch((e: unknown) => e);
  expect(f.violations).toEqual([]);
  expect(error).toBeInstanceOf(TrainingError);
  expect((error as TrainingError).outcome).toBe(outcome);
  expect((error as Error).message).toContain(reason);
});

test('cancelling the workflow stops the training job', async () => {
  const f = await fake('hang');
  const controller = new AbortController();
  const running = new SageMakerLauncher(options(f)).run(job, context(controller.signal).ctx);
  for (let i = 0; i < 200 && ![...f.jobs.values()].some((j) => j.SecondaryStatus === 'Training'); i++) await new Promise((r) => setTimeout(r, 10));
  controller.abort('the workflow was cancelled (SIGTERM)');
  const error = await running.catch((e: unknown) => e);
  expect((error as TrainingError).outcome).toBe('cancelled');
  expect(f.calls.map((c) => c.operation)).toContain('StopTrainingJob');
  expect(f.violations).toEqual([]);
});

test('the Smithy validation catches what SageMaker would refuse', () => {
  const input = 'com.amazonaws.sagemaker#CreateTrainingJobRequest';
  expect(validateShape(input, { TrainingJobName: 'x' })).toEqual(expect.arrayContaining(['$.AlgorithmSpecification: required', '$.RoleArn: required']));
  expect(validateShape('com.amazonaws.sagemaker#TrainingJobName', 'bad_name!')[0]).toContain('does not match');
  expect(validateShape('com.amazonaws.sagemaker#ResourceConfig', { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 0, Extra: 1 })).toEqual(
    expect.arrayContaining(['$.Extra: not a member of ResourceConfig']),
  );
  expect(validateShape('com.amazonaws.sagemaker#TrainingInstanceType', 'ml.nonsense')[0]).toContain('is not one of');
});
