import { type InputSpecs, type Runtime, readInputs } from '@slipway/kit';
import { FINE_TUNE_MODES, type FineTuneMode, type FineTuneRunOptions, parseParams } from './capability.js';
import { LAUNCHERS } from './internal/launchers/launcher.js';

/** The fine-tune action's inputs (names match action.yml), shared with the root action's `command: fine-tune`. */
export const FINE_TUNE_INPUTS = {
  mode: { kind: 'enum', values: FINE_TUNE_MODES, default: 'train' },
  config: { kind: 'string' },
  data: { kind: 'list' },
  'eval-data': { kind: 'list' },
  output: { kind: 'string' },
  command: { kind: 'string' },
  launcher: { kind: 'enum', values: LAUNCHERS },
  'base-model': { kind: 'string' },
  params: { kind: 'string' },
  leg: { kind: 'string', pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, patternHint: 'letters, digits, . _ -' },
  trials: { kind: 'string' },
  trial: { kind: 'string' },
  'out-dir': { kind: 'string' },
  remote: { kind: 'string', pattern: /^(file|s3):\/\/.+/, patternHint: 'use file://path or s3://bucket/prefix' },
  register: { kind: 'boolean' },
  stage: { kind: 'string', pattern: /^[A-Za-z][A-Za-z0-9_-]*$/, patternHint: 'a stage name such as staging' },
  'pull-request': { kind: 'boolean' },
  timeout: { kind: 'duration', min: 1000 },
  'github-token': { kind: 'secret' },
  'openai-api-key': { kind: 'secret' },
  'kubernetes-token': { kind: 'secret' },
  'registry-token': { kind: 'secret' },
} as const satisfies InputSpecs;

/** Parses the inputs once: the mode and the options of {@link fineTune}. */
export function readFineTuneInputs(rt: Runtime): { mode: FineTuneMode; options: FineTuneRunOptions } {
  const i = readInputs(rt, FINE_TUNE_INPUTS);
  const params = parseParams(i.params);
  const options: FineTuneRunOptions = {
    ...(i.config ? { configFile: i.config } : {}),
    ...(i.data?.length ? { data: i.data } : {}),
    ...(i['eval-data']?.length ? { evalData: i['eval-data'] } : {}),
    ...(i.output ? { output: i.output } : {}),
    ...(i.command ? { command: i.command } : {}),
    ...(i.launcher ? { launcher: i.launcher } : {}),
    ...(i['base-model'] ? { baseModel: i['base-model'] } : {}),
    ...(params ? { params } : {}),
    ...(i.leg ? { leg: i.leg } : {}),
    ...(i.trials ? { trials: i.trials } : {}),
    ...(i.trial ? { trial: i.trial } : {}),
    ...(i['out-dir'] ? { outDir: i['out-dir'] } : {}),
    ...(i.remote ? { remote: i.remote } : {}),
    ...(i.register !== undefined ? { register: i.register } : {}),
    ...(i.stage ? { stage: i.stage } : {}),
    ...(i['pull-request'] !== undefined ? { pullRequest: i['pull-request'] } : {}),
    ...(i.timeout ? { timeoutMs: i.timeout } : {}),
    ...(i['github-token'] ? { githubToken: i['github-token'] } : {}),
    ...(i['openai-api-key'] ? { openaiApiKey: i['openai-api-key'] } : {}),
    ...(i['kubernetes-token'] ? { kubernetesToken: i['kubernetes-token'] } : {}),
    ...(i['registry-token'] ? { registryToken: i['registry-token'] } : {}),
  };
  return { mode: i.mode, options };
}
