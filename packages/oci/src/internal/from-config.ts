import path from 'node:path';
import { loadConfig } from '@slipway/config';
import { InputError, type Runtime } from '@slipway/kit';
import { type BuildOptions, type BuildResult, buildImage, type Engine } from './build.js';
import type { CopySpec } from './layers.js';

/** Inputs as the action and the CLI take them; each overrides the `build` section of slipway.yml. */
export interface ContainerBuildInputs {
  config?: string;
  engine?: Engine;
  image?: string;
  tags?: string[];
  base?: string;
  /** A folder laid out as the image's root (relative to the working directory). */
  rootfs?: string;
  app?: string[];
  weights?: string[];
  dockerfile?: string;
  context?: string;
  layout?: string;
  platform?: string;
  /** `key=value` lines. */
  labels?: string[];
  username?: string;
  password?: string;
  insecureRegistries?: string[];
  uploadMode?: 'auto' | 'monolithic' | 'chunked';
  concurrency?: number;
  releaseId?: string;
  artifactsDigest?: string;
  evalReportDigest?: string;
  attest?: boolean;
  sign?: boolean;
  cacheFile?: string;
}

type BuildSection = NonNullable<Awaited<ReturnType<typeof loadConfig>>['config']['build']>;

/**
 * The container-build capability as the action and the CLI run it: `slipway.yml`'s `build`
 * section, overridden by inputs, then {@link buildImage}.
 */
export async function runContainerBuild(rt: Runtime, inputs: ContainerBuildInputs): Promise<BuildResult> {
  const loaded = await loadConfig({ dir: rt.cwd, ...(inputs.config ? { file: inputs.config } : {}) });
  return buildImage(rt, mergeBuildOptions(loaded.config.build ?? {}, loaded.dir, rt.cwd, inputs));
}

/** Merges the config section and the inputs into {@link BuildOptions}; paths from the config are relative to its folder. */
export function mergeBuildOptions(section: BuildSection, configDir: string, cwd: string, inputs: ContainerBuildInputs): BuildOptions {
  const fromConfig = (p: string) => path.resolve(configDir, p);
  const fromCwd = (p: string) => path.resolve(cwd, p);
  const specs = (list: readonly (string | { source: string; dest: string })[] | undefined, prefix: string, resolve: (p: string) => string): CopySpec[] =>
    (list ?? []).map((s) =>
      typeof s === 'string' ? { source: resolve(s), dest: `${prefix}/${s.replace(/^\.?\/+/, '')}` } : { source: resolve(s.source), dest: s.dest },
    );
  const labels = { ...section.labels, ...parseLabels(inputs.labels ?? []) };
  const o: BuildOptions = {
    engine: inputs.engine ?? section.engine ?? 'auto',
    tags: inputs.tags ?? section.tags ?? [],
    base: inputs.base ?? section.base ?? 'scratch',
    app: inputs.app ? specs(inputs.app, '/app', fromCwd) : specs(section.app, '/app', fromConfig),
    weights: inputs.weights ? specs(inputs.weights, '/models', fromCwd) : specs(section.weights, '/models', fromConfig),
    labels,
  };
  const set = <K extends keyof BuildOptions>(k: K, v: BuildOptions[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('image', inputs.image ?? section.image);
  set('rootfs', inputs.rootfs ? fromCwd(inputs.rootfs) : section.rootfs ? fromConfig(section.rootfs) : undefined);
  set('dockerfile', inputs.dockerfile ? fromCwd(inputs.dockerfile) : section.dockerfile ? fromConfig(section.dockerfile) : undefined);
  set('context', inputs.context ? fromCwd(inputs.context) : section.context ? fromConfig(section.context) : undefined);
  set('layout', inputs.layout ? fromCwd(inputs.layout) : section.layout ? fromConfig(section.layout) : undefined);
  set('platform', inputs.platform ?? section.platform);
  set('entrypoint', section.entrypoint);
  set('cmd', section.cmd);
  set('env', section.env);
  set('ports', section.ports?.map(String));
  set('user', section.user);
  set('workdir', section.workdir);
  set('buildArgs', section.buildArgs);
  set('insecureRegistries', inputs.insecureRegistries ?? section.insecureRegistries);
  set('concurrency', inputs.concurrency ?? section.concurrency);
  set('attest', inputs.attest ?? section.attest);
  set('sign', inputs.sign ?? section.sign);
  set('username', inputs.username);
  set('password', inputs.password);
  set('uploadMode', inputs.uploadMode);
  set('releaseId', inputs.releaseId);
  set('artifactsDigest', inputs.artifactsDigest);
  set('evalReportDigest', inputs.evalReportDigest);
  set('cacheFile', inputs.cacheFile ? fromCwd(inputs.cacheFile) : undefined);
  return o;
}

function parseLabels(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new InputError('labels', `"${line}" is not key=value`, { hint: 'one label per line, e.g. org.example.team=ml' });
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}
