import { type InputSpecs, type Runtime, readInputs } from '@slipway/kit';
import type { StoreOptions } from './internal/context.js';
import { pullArtifacts } from './pull.js';
import { pushArtifacts } from './push.js';
import { reportResult, type SyncResult } from './result.js';
import { artifactStatus } from './status.js';

/** The inputs artifact-sync takes (besides `command`), shared by its action and the root action. Names match action.yml. */
export const ARTIFACT_INPUTS = {
  paths: { kind: 'list' },
  remote: { kind: 'string', pattern: /^(file|s3):\/\/.+|^[^:]+$/, patternHint: 'use file://path or s3://bucket/prefix' },
  jobs: { kind: 'integer', min: 1, max: 256 },
  cache: { kind: 'boolean', default: 'false' },
  config: { kind: 'string' },
  endpoint: { kind: 'url', schemes: ['http', 'https'] },
  region: { kind: 'string', pattern: /^[a-z0-9-]+$/, patternHint: 'use a region name such as eu-west-1' },
  'path-style': { kind: 'boolean' },
  sse: { kind: 'enum', values: ['AES256', 'aws:kms', 'aws:kms:dsse'] },
  'sse-kms-key-id': { kind: 'string' },
} as const satisfies InputSpecs;

export type ArtifactCommand = 'push' | 'pull' | 'status';

/** Parses the artifact-sync inputs once; whether the runner cache is wanted, and the store's options. */
export function readArtifactInputs(rt: Runtime): { cache: boolean; options: StoreOptions } {
  const i = readInputs(rt, ARTIFACT_INPUTS);
  const s3: NonNullable<StoreOptions['s3']> = {};
  if (i.endpoint) s3.endpoint = i.endpoint.toString().replace(/\/$/, '');
  if (i.region) s3.region = i.region;
  if (i['path-style'] !== undefined) s3.pathStyle = i['path-style'];
  if (i.sse) s3.sse = i.sse;
  if (i['sse-kms-key-id']) s3.sseKmsKeyId = i['sse-kms-key-id'];
  // Without the runner cache, a copy in the local cache only costs time on an ephemeral runner.
  const options: StoreOptions = { s3, keepCache: i.cache };
  if (i.paths && i.paths.length > 0) options.paths = i.paths;
  if (i.remote) options.remote = i.remote;
  if (i.jobs !== undefined) options.jobs = i.jobs;
  if (i.config) options.configFile = i.config;
  return { cache: i.cache, options };
}

/** Runs push, pull or status and reports it: outputs and the per-path summary table. */
export async function runArtifactCommand(rt: Runtime, command: ArtifactCommand, options: StoreOptions): Promise<SyncResult> {
  const result =
    command === 'push' ? await pushArtifacts(rt, options) : command === 'pull' ? await pullArtifacts(rt, options) : await artifactStatus(rt, options);
  await reportResult(rt, result);
  return result;
}
