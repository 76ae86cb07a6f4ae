import { InputError, type Runtime, readInputs } from '@slipway/kit';
import type { ContainerBuildInputs } from './from-config.js';

/** Every input of the container-build action (and of `slipway build`, as flags), parsed once. */
export const CONTAINER_BUILD_INPUTS = {
  config: { kind: 'string' },
  engine: { kind: 'enum', values: ['auto', 'assemble', 'buildah', 'buildx'] },
  image: { kind: 'string' },
  tags: { kind: 'list' },
  base: { kind: 'string' },
  app: { kind: 'list' },
  weights: { kind: 'list' },
  dockerfile: { kind: 'string' },
  context: { kind: 'string' },
  layout: { kind: 'string' },
  platform: { kind: 'string', pattern: /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, patternHint: 'os/architecture[/variant], e.g. linux/amd64' },
  labels: { kind: 'list' },
  username: { kind: 'string' },
  password: { kind: 'secret' },
  'insecure-registries': { kind: 'list' },
  'upload-mode': { kind: 'enum', values: ['auto', 'monolithic', 'chunked'] },
  concurrency: { kind: 'integer', min: 1, max: 64 },
  'release-id': { kind: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternHint: 'sha256:<64 hex digits>, the id of a release record' },
  'artifacts-digest': { kind: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternHint: 'sha256:<64 hex digits>' },
  'eval-report-digest': { kind: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternHint: 'sha256:<64 hex digits>' },
  attest: { kind: 'boolean' },
  sign: { kind: 'boolean' },
  'cache-file': { kind: 'string' },
} as const;

/** Reads the inputs into {@link ContainerBuildInputs}; unset ones stay unset so slipway.yml fills them. */
export function readContainerBuildInputs(rt: Runtime): ContainerBuildInputs {
  const i = readInputs(rt, CONTAINER_BUILD_INPUTS);
  if (i.password && !i.username && i.image && !i.image.startsWith('ghcr.io/')) {
    throw new InputError('username', 'is required with password', { hint: 'set username to the registry user the password belongs to' });
  }
  const out: ContainerBuildInputs = {};
  const set = <K extends keyof ContainerBuildInputs>(k: K, v: ContainerBuildInputs[K] | undefined) => {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  };
  set('config', i.config);
  set('engine', i.engine);
  set('image', i.image);
  set('tags', i.tags);
  set('base', i.base);
  set('app', i.app);
  set('weights', i.weights);
  set('dockerfile', i.dockerfile);
  set('context', i.context);
  set('layout', i.layout);
  set('platform', i.platform);
  set('labels', i.labels);
  set('username', i.username);
  set('password', i.password);
  set('insecureRegistries', i['insecure-registries']);
  set('uploadMode', i['upload-mode']);
  set('concurrency', i.concurrency);
  set('releaseId', i['release-id']);
  set('artifactsDigest', i['artifacts-digest']);
  set('evalReportDigest', i['eval-report-digest']);
  set('attest', i.attest);
  set('sign', i.sign);
  set('cacheFile', i['cache-file']);
  return out;
}
