import { readFile } from 'node:fs/promises';
import { HttpError, retry } from '@slipway/kit';
import {
  abortOutcome,
  type LaunchContext,
  type Launcher,
  metricsFromLine,
  type Params,
  pause,
  TrainingError,
  type TrainJob,
  type TrainResult,
} from './launcher.js';
import { uploadToS3 } from './s3-upload.js';

export interface KubernetesLauncherOptions {
  /** API server URL; default in-cluster (`KUBERNETES_SERVICE_HOST`). For a private CA set NODE_EXTRA_CA_CERTS. */
  apiServer?: string;
  /** Bearer token; default the service account token mounted in the pod. */
  token?: string;
  namespace: string;
  image: string;
  /** Entrypoint and arguments of the training container. */
  command: string[];
  /** `job` (batch/v1 Job, one pod) or `pytorchjob` (Kubeflow PyTorchJob: a master and `workers` workers). */
  kind: 'job' | 'pytorchjob';
  workers?: number;
  /** GPUs per pod (`nvidia.com/gpu` limit). */
  gpus?: number;
  /** Where the job writes the model (a bucket URI, a volume path): returned as the run's model. */
  outputUri?: string;
  /** `s3://bucket/prefix`: the checked data is uploaded under `<job>/` and its URIs given to the pods as SLIPWAY_TRAIN_URI / SLIPWAY_VALIDATION_URI. */
  dataS3?: string;
  s3Endpoint?: string;
  s3Region?: string;
  /** Kubernetes' own deadline for the job, in seconds. */
  activeDeadlineSeconds?: number;
  pollIntervalMs?: number;
  serviceAccountName?: string;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

function paramEnv(params: Params, job: TrainJob, outputUri: string | undefined, data: Record<string, string> = {}): { name: string; value: string }[] {
  return [
    ...Object.entries(data).map(([name, value]) => ({ name, value })),
    { name: 'SLIPWAY_RUN_NAME', value: job.name },
    { name: 'SLIPWAY_PARAMS', value: JSON.stringify(job.params) },
    ...(outputUri ? [{ name: 'SLIPWAY_OUTPUT_URI', value: outputUri }] : []),
    ...Object.entries(params).map(([k, v]) => ({ name: `SLIPWAY_PARAM_${k.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`, value: String(v) })),
  ];
}

/** The manifest of one training run: a batch/v1 Job, or a Kubeflow PyTorchJob with a master and N workers. */
export function trainingManifest(o: KubernetesLauncherOptions, job: TrainJob, name: string, data: Record<string, string> = {}): Record<string, unknown> {
  const labels = { 'app.kubernetes.io/managed-by': 'slipway', 'slipway.dev/run': name };
  const container = (containerName: string) => ({
    name: containerName,
    image: o.image,
    command: o.command,
    env: paramEnv(job.params, job, o.outputUri, data),
    ...(o.gpus ? { resources: { limits: { 'nvidia.com/gpu': o.gpus } } } : {}),
  });
  const podSpec = (containerName: string) => ({
    restartPolicy: 'Never',
    ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
    containers: [container(containerName)],
  });
  if (o.kind === 'job') {
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: o.namespace, labels },
      spec: {
        // A failed training run is a result, not something to retry blindly.
        backoffLimit: 0,
        ttlSecondsAfterFinished: 86_400,
        ...(o.activeDeadlineSeconds ? { activeDeadlineSeconds: o.activeDeadlineSeconds } : {}),
        template: { metadata: { labels }, spec: podSpec('trainer') },
      },
    };
  }
  // Kubeflow's PyTorch operator expects the container to be called "pytorch".
  const replica = (replicas: number) => ({ replicas, restartPolicy: 'Never', template: { metadata: { labels }, spec: podSpec('pytorch') } });
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'PyTorchJob',
    metadata: { name, namespace: o.namespace, labels },
    spec: {
      runPolicy: { cleanPodPolicy: 'None', backoffLimit: 0, ...(o.activeDeadlineSeconds ? { activeDeadlineSeconds: o.activeDeadlineSeconds } : {}) },
      pytorchReplicaSpecs: { Master: replica(1), ...(o.workers && o.workers > 0 ? { Worker: replica(o.workers) } : {}) },
    },
  };
}

/**
 * Training on Kubernetes: creates the Job (or PyTorchJob), streams the logs of its (master) pod,
 * waits for a Complete/Succeeded or Failed condition, and deletes the job when the workflow is
 * cancelled. A failure carries the condition's reason and message and the pod's termination message.
 */
export class KubernetesLauncher implements Launcher {
  readonly kind = 'kubernetes' as const;
  constructor(private readonly o: KubernetesLauncherOptions) {}

  async run(job: TrainJob, ctx: LaunchContext): Promise<TrainResult> {
    const api = await this.connection(ctx);
    const started = performance.now();
    const name = `${job.name
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40)}-${Date.now().toString(36)}`.replace(/^-+/, '');
    // Pods cannot read the runner's disk: the checked data goes to the bucket first, its URIs to the pods.
    const data: Record<string, string> = {};
    if (this.o.dataS3) {
      const up = {
        ...(this.o.s3Region ? { region: this.o.s3Region } : {}),
        ...(this.o.s3Endpoint ? { endpoint: this.o.s3Endpoint } : {}),
        signal: ctx.signal,
        log: ctx.log,
      };
      const prefix = `${this.o.dataS3.replace(/\/$/, '')}/${name}`;
      data.SLIPWAY_TRAIN_URI = await uploadToS3(job.data.train, `${prefix}/train/`, up);
      if (job.data.validation) data.SLIPWAY_VALIDATION_URI = await uploadToS3(job.data.validation, `${prefix}/validation/`, up);
    }
    const manifest = trainingManifest(this.o, job, name, data);
    const base =
      this.o.kind === 'job' ? `/apis/batch/v1/namespaces/${this.o.namespace}/jobs` : `/apis/kubeflow.org/v1/namespaces/${this.o.namespace}/pytorchjobs`;
    await this.call(api, 'POST', base, ctx, manifest);
    ctx.log.info(`created ${manifest.kind as string} ${this.o.namespace}/${name}`);
    const metrics: Record<string, number> = {};
    const logs = this.streamLogs(api, name, metrics, ctx);
    try {
      for (;;) {
        if (ctx.signal.aborted) {
          const { outcome, reason } = abortOutcome(ctx.signal);
          await this.call(api, 'DELETE', `${base}/${name}?propagationPolicy=Background`, { ...ctx, signal: new AbortController().signal }).catch((e: unknown) =>
            ctx.log.warn(`could not delete ${name}: ${(e as Error).message}`),
          );
          throw new TrainingError('kubernetes', outcome, reason, name);
        }
        let conditions: Condition[] = [];
        try {
          const current = (await this.call(api, 'GET', `${base}/${name}`, ctx)) as { status?: { conditions?: Condition[] } };
          conditions = current.status?.conditions ?? [];
        } catch (error) {
          if (ctx.signal.aborted) continue;
          throw error;
        }
        const on = (type: string) => conditions.find((c) => c.type === type && c.status === 'True');
        if (on('Complete') || on('Succeeded')) break;
        const failed = on('Failed');
        if (failed) {
          const pod = await this.terminationMessage(api, name, ctx).catch(() => undefined);
          const why = [failed.reason, failed.message, pod].filter(Boolean).join(': ');
          throw new TrainingError('kubernetes', 'failed', why || 'the job failed without a reason', name);
        }
        await pause(this.o.pollIntervalMs ?? 10_000, ctx.signal);
      }
    } finally {
      // Let the log stream drain what the pod printed last, but never wait on it for long.
      await Promise.race([logs, new Promise((r) => setTimeout(r, 2_000).unref())]);
    }
    return { launcher: 'kubernetes', jobId: name, model: this.o.outputUri ?? `${this.o.namespace}/${name}`, metrics, durationMs: performance.now() - started };
  }

  private selector(name: string): string {
    return this.o.kind === 'job' ? `job-name=${name}` : `training.kubeflow.org/job-name=${name},training.kubeflow.org/replica-type=master`;
  }

  /** Follows the logs of the (master) pod once it exists; metrics come from its JSON lines. */
  private async streamLogs(api: Api, name: string, metrics: Record<string, number>, ctx: LaunchContext): Promise<void> {
    const container = this.o.kind === 'job' ? 'trainer' : 'pytorch';
    for (let tries = 0; tries < 600 && !ctx.signal.aborted; tries++) {
      const pods = (await this.call(
        api,
        'GET',
        `/api/v1/namespaces/${this.o.namespace}/pods?labelSelector=${encodeURIComponent(this.selector(name))}`,
        ctx,
      ).catch(() => ({ items: [] }))) as { items: { metadata: { name: string }; status?: { phase?: string } }[] };
      const pod = pods.items.find((p) => p.status?.phase && p.status.phase !== 'Pending');
      if (pod) {
        const res = await fetch(`${api.url}/api/v1/namespaces/${this.o.namespace}/pods/${pod.metadata.name}/log?container=${container}&follow=true`, {
          headers: { authorization: `Bearer ${api.token}` },
          signal: ctx.signal,
        }).catch(() => undefined);
        if (!res?.ok || !res.body) return;
        let rest = '';
        const decoder = new TextDecoder();
        try {
          for await (const chunk of res.body) {
            rest += decoder.decode(chunk as Uint8Array, { stream: true });
            const lines = rest.split('\n');
            rest = lines.pop() ?? '';
            for (const line of lines) {
              ctx.log.info(line);
              const m = metricsFromLine(line);
              if (m) Object.assign(metrics, m);
            }
          }
        } catch {
          // The stream ends when the pod does or the run is cancelled.
        }
        if (rest) ctx.log.info(rest);
        return;
      }
      await pause(Math.min(this.o.pollIntervalMs ?? 2_000, 2_000), ctx.signal);
    }
  }

  private async terminationMessage(api: Api, name: string, ctx: LaunchContext): Promise<string | undefined> {
    const pods = (await this.call(api, 'GET', `/api/v1/namespaces/${this.o.namespace}/pods?labelSelector=${encodeURIComponent(this.selector(name))}`, ctx)) as {
      items: { status?: { containerStatuses?: { state?: { terminated?: { reason?: string; message?: string; exitCode?: number } } }[] } }[];
    };
    for (const p of pods.items)
      for (const c of p.status?.containerStatuses ?? []) {
        const t = c.state?.terminated;
        if (t && t.exitCode !== 0) return [t.reason, t.message?.trim(), t.exitCode !== undefined ? `exit code ${t.exitCode}` : ''].filter(Boolean).join(', ');
      }
    return undefined;
  }

  private async connection(ctx: LaunchContext): Promise<Api> {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const url = (this.o.apiServer ?? (host ? `https://${host}:${process.env.KUBERNETES_SERVICE_PORT ?? '443'}` : '')).replace(/\/$/, '');
    if (!url) throw new TrainingError('kubernetes', 'failed', 'no API server: set train.kubernetes.apiServer or run inside the cluster');
    const token = this.o.token ?? (await readFile(`${SERVICE_ACCOUNT}/token`, 'utf8').catch(() => '')).trim();
    if (!token) throw new TrainingError('kubernetes', 'failed', 'no token: pass kubernetes-token or run with a service account');
    ctx.setSecret(token);
    return { url, token };
  }

  private async call(api: Api, method: string, route: string, ctx: LaunchContext, body?: unknown): Promise<unknown> {
    return retry(
      async () => {
        const res = await fetch(`${api.url}${route}`, {
          method,
          signal: ctx.signal.aborted ? null : ctx.signal,
          headers: { authorization: `Bearer ${api.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        if (!res.ok) {
          let message = text.slice(0, 300);
          try {
            message = (JSON.parse(text) as { message?: string }).message ?? message;
          } catch {}
          throw new HttpError(`Kubernetes ${method} ${route.split('?')[0]} answered ${res.status}: ${message}`, res.status);
        }
        return text ? JSON.parse(text) : {};
      },
      { retries: 3, signal: ctx.signal },
    ).catch((error: unknown) => {
      if (error instanceof HttpError && error.status < 500 && error.status !== 429) throw new TrainingError('kubernetes', 'failed', error.message);
      throw error;
    });
  }
}

interface Api {
  url: string;
  token: string;
}
