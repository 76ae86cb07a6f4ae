import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig, type SlipwayConfig } from '@slipway/config';
import { InputError, parseDuration, type Runtime, UserError } from '@slipway/kit';
import { CommandLauncher } from './launchers/command.js';
import { KubernetesLauncher } from './launchers/kubernetes.js';
import type { Launcher, LauncherKind, Params } from './launchers/launcher.js';
import { OpenAILauncher } from './launchers/openai.js';
import { SageMakerLauncher } from './launchers/sagemaker.js';

export type TrainConfig = NonNullable<SlipwayConfig['train']>;

/** Inputs that override slipway.yml's `train` section, and the secrets only inputs carry. */
export interface FineTuneOptions {
  configFile?: string;
  data?: string[];
  evalData?: string[];
  output?: string;
  command?: string;
  launcher?: LauncherKind;
  baseModel?: string;
  /** Hyperparameters of this run (a matrix leg's `params`), over `train.params`. */
  params?: Params;
  /** The sweep leg this run is. */
  leg?: string;
  /** Folder with the legs' trial records (select-best). */
  trials?: string;
  /** Where trial records, splits and eval reports go (default .slipway/fine-tune). */
  outDir?: string;
  /** Artifact store remote for the weights (default artifacts.remote). */
  remote?: string;
  /** Register the result (default: yes, except for a sweep leg). */
  register?: boolean;
  stage?: string;
  pullRequest?: boolean;
  timeoutMs?: number;
  githubToken?: string;
  openaiApiKey?: string;
  kubernetesToken?: string;
  registryToken?: string;
  /** Aborts the run (tests; the CLI and action also abort on SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

/** Everything a fine-tune step needs, resolved once from slipway.yml and the inputs. */
export interface Resolved {
  root: string;
  configDir: string;
  train: TrainConfig;
  data: string[];
  evalData: string[];
  output: string;
  name: string;
  outDir: string;
  remote: string | undefined;
  suites: string[];
  metric: string;
  goal: 'maximize' | 'minimize';
  stateDir: string;
  /** The artifact store's S3 options (artifacts.s3), for an s3:// registry. */
  s3: { region?: string; endpoint?: string; pathStyle?: boolean };
  options: FineTuneOptions;
}

export async function resolveFineTune(rt: Runtime, o: FineTuneOptions): Promise<Resolved> {
  const loaded = await loadConfig({ dir: rt.cwd, ...(o.configFile ? { file: o.configFile } : {}) });
  const train: TrainConfig = { ...(loaded.config.train ?? {}) };
  if (o.command) train.command = o.command;
  if (o.launcher) train.launcher = o.launcher;
  if (o.baseModel) train.baseModel = o.baseModel;
  const data = o.data?.length ? o.data : (train.data ?? []);
  if (data.length === 0) throw new InputError('data', 'no training data', { hint: 'set train.data in slipway.yml or the data input' });
  const output = o.output ?? train.output ?? 'model';
  const ev = train.evaluate ?? {};
  const remoteUrl = o.remote ?? loaded.config.artifacts?.remote;
  return {
    root: rt.cwd,
    configDir: loaded.dir,
    train,
    data,
    evalData: o.evalData?.length ? o.evalData : (train.evalData ?? []),
    output: output.replace(/\/+$/, ''),
    name: train.name ?? path.basename(output),
    outDir: path.resolve(rt.cwd, o.outDir ?? '.slipway/fine-tune'),
    // artifacts.remote is relative to slipway.yml; the store resolves it the same way.
    remote: remoteUrl && /^file:\/\/[^/]/.test(remoteUrl) && !o.remote ? `file://${path.resolve(loaded.dir, remoteUrl.slice(7))}` : remoteUrl,
    suites: ev.suites ?? loaded.config.eval?.suites ?? [],
    metric: ev.metric ?? 'pass-rate',
    goal: ev.goal ?? 'maximize',
    stateDir: path.resolve(loaded.dir, loaded.config.deploy?.state ?? '.slipway/state'),
    s3: {
      ...(loaded.config.artifacts?.s3?.region ? { region: loaded.config.artifacts.s3.region } : {}),
      ...(loaded.config.artifacts?.s3?.endpoint ? { endpoint: loaded.config.artifacts.s3.endpoint } : {}),
      ...(loaded.config.artifacts?.s3?.pathStyle !== undefined ? { pathStyle: loaded.config.artifacts.s3.pathStyle } : {}),
    },
    options: o,
  };
}

/** The launcher `train.launcher` names, built from its section and the secrets from inputs or the environment. */
export function buildLauncher(rt: Runtime, r: Resolved): Launcher {
  const t = r.train;
  const kind = t.launcher ?? 'command';
  const ms = (d: string | undefined, fallback: number) => (d ? parseDuration('pollInterval', d) : fallback);
  switch (kind) {
    case 'command':
      if (!t.command) throw new InputError('command', 'is required with launcher: command', { hint: 'set train.command, e.g. python train.py --out {output}' });
      return new CommandLauncher({ command: t.command });
    case 'openai': {
      const key = r.options.openaiApiKey ?? process.env[t.openai?.apiKeyEnv ?? 'OPENAI_API_KEY'];
      if (!key) throw new InputError('openai-api-key', 'is required with launcher: openai', { hint: 'pass secrets.OPENAI_API_KEY' });
      rt.setSecret(key);
      if (!t.baseModel) throw new UserError('train.baseModel is required with launcher: openai', { hint: 'e.g. baseModel: gpt-4o-mini-2024-07-18' });
      return new OpenAILauncher({
        model: t.baseModel,
        apiKey: key,
        ...(t.openai?.baseUrl ? { baseUrl: t.openai.baseUrl } : {}),
        pollIntervalMs: ms(t.openai?.pollInterval, 15_000),
      });
    }
    case 'sagemaker': {
      const s = t.sagemaker;
      if (!s)
        throw new UserError('train.sagemaker is required with launcher: sagemaker', { hint: 'set region, roleArn, image, instanceType, inputS3 and outputS3' });
      return new SageMakerLauncher({
        region: s.region,
        roleArn: s.roleArn,
        image: s.image,
        instanceType: s.instanceType,
        inputS3: s.inputS3,
        outputS3: s.outputS3,
        ...(s.endpoint ? { endpoint: s.endpoint } : {}),
        ...(s.s3Endpoint ? { s3Endpoint: s.s3Endpoint } : {}),
        ...(s.instanceCount ? { instanceCount: s.instanceCount } : {}),
        ...(s.volumeSizeGb ? { volumeSizeGb: s.volumeSizeGb } : {}),
        ...(r.options.timeoutMs ? { maxRuntimeSeconds: Math.ceil(r.options.timeoutMs / 1000) } : {}),
        pollIntervalMs: ms(s.pollInterval, 30_000),
      });
    }
    case 'kubernetes': {
      const k = t.kubernetes;
      if (!k) throw new UserError('train.kubernetes is required with launcher: kubernetes', { hint: 'set namespace, image and command' });
      const token = r.options.kubernetesToken ?? (k.tokenEnv ? process.env[k.tokenEnv] : undefined);
      if (token) rt.setSecret(token);
      return new KubernetesLauncher({
        namespace: k.namespace,
        image: k.image,
        command: k.command,
        kind: k.kind ?? 'job',
        ...(k.apiServer ? { apiServer: k.apiServer } : {}),
        ...(token ? { token } : {}),
        ...(k.workers !== undefined ? { workers: k.workers } : {}),
        ...(k.gpus !== undefined ? { gpus: k.gpus } : {}),
        ...(k.outputUri ? { outputUri: k.outputUri } : {}),
        ...(k.dataS3 ? { dataS3: k.dataS3 } : {}),
        ...(k.s3Endpoint ? { s3Endpoint: k.s3Endpoint } : {}),
        ...(r.options.timeoutMs ? { activeDeadlineSeconds: Math.ceil(r.options.timeoutMs / 1000) } : {}),
        pollIntervalMs: ms(k.pollInterval, 10_000),
      });
    }
  }
}

/** The commit being trained: from the runner, else from git, else zeros. */
export function codeRevision(cwd: string): { sha: string; ref: string; repository?: string } {
  const git = (args: string[]) => {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : '';
  };
  const sha = process.env.GITHUB_SHA || git(['rev-parse', 'HEAD']) || '0'.repeat(40);
  const ref = process.env.GITHUB_REF || (git(['symbolic-ref', '-q', 'HEAD']) ? git(['symbolic-ref', '-q', 'HEAD']) : 'refs/heads/local');
  return { sha, ref, ...(process.env.GITHUB_REPOSITORY ? { repository: process.env.GITHUB_REPOSITORY } : {}) };
}
