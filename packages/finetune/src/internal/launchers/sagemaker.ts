import { abortOutcome, type LaunchContext, type Launcher, pause, TrainingError, type TrainJob, type TrainResult } from './launcher.js';
import { uploadToS3 } from './s3-upload.js';

export interface SageMakerLauncherOptions {
  region: string;
  /** Custom endpoint (tests, VPC endpoints). */
  endpoint?: string;
  /** IAM role SageMaker assumes for the job. */
  roleArn: string;
  /** Training image URI (ECR). */
  image: string;
  instanceType: string;
  instanceCount?: number;
  volumeSizeGb?: number;
  /** `s3://bucket/prefix` the checked data is uploaded under, one folder per job: `<job>/train/` and `<job>/validation/` are its channels. */
  inputS3: string;
  /** Custom S3 endpoint for the data upload (MinIO, tests). */
  s3Endpoint?: string;
  /** `s3://bucket/prefix` where SageMaker writes model.tar.gz. */
  outputS3: string;
  maxRuntimeSeconds?: number;
  pollIntervalMs?: number;
}

interface Described {
  TrainingJobStatus?: string;
  SecondaryStatus?: string;
  FailureReason?: string;
  ModelArtifacts?: { S3ModelArtifacts?: string };
  FinalMetricDataList?: { MetricName?: string; Value?: number }[];
}

/** SageMaker hyperparameters are strings, at most 100 of them, keys up to 256 characters. */
function hyperParameters(params: TrainJob['params']): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

/**
 * A SageMaker training job through `@aws-sdk/client-sagemaker`: CreateTrainingJob, then
 * DescribeTrainingJob until it completes; the output location is the model. A cancel of the
 * workflow stops the job; a failure carries SageMaker's FailureReason.
 */
export class SageMakerLauncher implements Launcher {
  readonly kind = 'sagemaker' as const;
  constructor(private readonly o: SageMakerLauncherOptions) {}

  async run(job: TrainJob, ctx: LaunchContext): Promise<TrainResult> {
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
      const v = process.env[name];
      if (v) ctx.setSecret(v);
    }
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    // The SDK is big: load it only when this launcher runs.
    const sdk = await import('@aws-sdk/client-sagemaker');
    const client = new sdk.SageMakerClient({ region: this.o.region, ...(this.o.endpoint ? { endpoint: this.o.endpoint } : {}), maxAttempts: 4 });
    const started = performance.now();
    // 63 characters: letters, digits and hyphens.
    const name = `${job.name.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 48)}-${Date.now().toString(36)}`.replace(/^-+/, '');
    const dataPrefix = `${this.o.inputS3.replace(/\/$/, '')}/${name}`;
    const channel = (kind: 'train' | 'validation') => ({
      ChannelName: kind,
      DataSource: {
        S3DataSource: {
          S3DataType: 'S3Prefix' as const,
          S3Uri: `${dataPrefix}/${kind}/`,
          S3DataDistributionType: 'FullyReplicated' as const,
        },
      },
      ContentType: 'application/jsonlines',
    });
    try {
      // What trains is exactly the data that was checked: it goes up first, under this job's own prefix.
      const up = { region: this.o.region, ...(this.o.s3Endpoint ? { endpoint: this.o.s3Endpoint } : {}), signal: ctx.signal, log: ctx.log };
      await uploadToS3(job.data.train, `${dataPrefix}/train/`, up);
      if (job.data.validation) await uploadToS3(job.data.validation, `${dataPrefix}/validation/`, up);
      await client.send(
        new sdk.CreateTrainingJobCommand({
          TrainingJobName: name,
          RoleArn: this.o.roleArn,
          AlgorithmSpecification: { TrainingImage: this.o.image, TrainingInputMode: 'File' },
          HyperParameters: hyperParameters(job.params),
          InputDataConfig: [channel('train'), ...(job.data.validation ? [channel('validation')] : [])],
          OutputDataConfig: { S3OutputPath: this.o.outputS3 },
          ResourceConfig: { InstanceType: this.o.instanceType as never, InstanceCount: this.o.instanceCount ?? 1, VolumeSizeInGB: this.o.volumeSizeGb ?? 50 },
          StoppingCondition: { MaxRuntimeInSeconds: this.o.maxRuntimeSeconds ?? 86_400 },
          Tags: [{ Key: 'managed-by', Value: 'slipway' }],
        }),
        { abortSignal: ctx.signal },
      );
      ctx.log.info(`SageMaker training job ${name} created (${this.o.instanceType} × ${this.o.instanceCount ?? 1})`);
      let status = '';
      let described: Described = {};
      for (;;) {
        if (ctx.signal.aborted) {
          const { outcome, reason } = abortOutcome(ctx.signal);
          await client
            .send(new sdk.StopTrainingJobCommand({ TrainingJobName: name }))
            .catch((e: unknown) => ctx.log.warn(`could not stop ${name}: ${(e as Error).message}`));
          throw new TrainingError('sagemaker', outcome, reason, name);
        }
        try {
          described = (await client.send(new sdk.DescribeTrainingJobCommand({ TrainingJobName: name }), { abortSignal: ctx.signal })) as Described;
        } catch (error) {
          if (ctx.signal.aborted) continue;
          throw error;
        }
        const now = `${described.TrainingJobStatus}/${described.SecondaryStatus}`;
        if (now !== status) ctx.log.info(`${name}: ${now}`);
        status = now;
        if (described.TrainingJobStatus === 'Completed') break;
        if (described.TrainingJobStatus === 'Failed') throw new TrainingError('sagemaker', 'failed', described.FailureReason ?? 'no FailureReason given', name);
        if (described.TrainingJobStatus === 'Stopped') {
          const timedOut = described.SecondaryStatus === 'MaxRuntimeExceeded';
          throw new TrainingError('sagemaker', timedOut ? 'timed-out' : 'cancelled', timedOut ? 'MaxRuntimeInSeconds exceeded' : 'the job was stopped', name);
        }
        await pause(this.o.pollIntervalMs ?? 30_000, ctx.signal);
      }
      const metrics: Record<string, number> = {};
      for (const m of described.FinalMetricDataList ?? []) if (m.MetricName && typeof m.Value === 'number') metrics[m.MetricName] = m.Value;
      const model = described.ModelArtifacts?.S3ModelArtifacts ?? '';
      if (!model) throw new TrainingError('sagemaker', 'failed', 'the job completed without ModelArtifacts.S3ModelArtifacts', name);
      return { launcher: 'sagemaker', jobId: name, model, metrics, durationMs: performance.now() - started };
    } catch (error) {
      if (error instanceof TrainingError) throw error;
      if (ctx.signal.aborted) throw new TrainingError('sagemaker', abortOutcome(ctx.signal).outcome, abortOutcome(ctx.signal).reason, name);
      const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      if (e.$metadata?.httpStatusCode && e.$metadata.httpStatusCode < 500) throw new TrainingError('sagemaker', 'failed', `${e.name}: ${e.message}`, name);
      throw error;
    } finally {
      client.destroy();
    }
  }
}
