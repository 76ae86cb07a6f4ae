import path from 'node:path';
import { loadConfig } from '@slipway/config';
import { parseDuration, type Runtime, readInputs } from '@slipway/kit';
import type { EvaluateOptions } from './evaluate.js';
import { parseShard } from './shard.js';

/** Inputs of `actions/eval` and flags of `slipway eval run`, parsed the same way in both. */
export const EVAL_INPUTS = {
  config: { kind: 'string', description: 'path to slipway.yml' },
  suites: { kind: 'list', description: 'suite files (comma or newline separated)' },
  baseline: { kind: 'string', description: 'a results file or folder, store:<key>, env:<environment>, or provider:<label>' },
  remote: { kind: 'string', description: 'artifact store for store: baselines and push-key (default artifacts.remote)' },
  'push-key': { kind: 'string', description: 'push the results to the artifact store under this key, e.g. main' },
  state: { kind: 'string', description: 'release history for env: baselines (default deploy.state, else .slipway/state)' },
  alpha: { kind: 'number', min: 0.000001, max: 0.5, description: 'significance level, e.g. 0.05' },
  'pass-rate-floor': { kind: 'number', min: 0, max: 1, description: 'minimum pass rate, 0 to 1' },
  repeats: { kind: 'integer', min: 1, max: 100, description: 'samples per test' },
  'adaptive-repeats': { kind: 'integer', min: 2, max: 100, description: 'most samples for borderline tests' },
  concurrency: { kind: 'integer', min: 1, max: 1024, description: 'calls in flight' },
  timeout: { kind: 'duration', min: 1, description: 'timeout of one model call, e.g. 60s' },
  shard: { kind: 'string', pattern: /^\d+\/\d+$/, patternHint: 'i/n, e.g. 2/4', description: 'i/n' },
  'shard-timings': { kind: 'string', description: 'a results file whose test durations balance the shards' },
  cache: { kind: 'enum', values: ['use', 'off', 'only'], description: 'use, off or only' },
  'cache-dir': { kind: 'string', description: 'response cache folder' },
  'max-cost': { kind: 'number', min: 0, description: 'USD budget' },
  'max-duration': { kind: 'duration', min: 1, description: 'time budget, e.g. 10m' },
  judge: { kind: 'string', description: 'judge provider id' },
  embeddings: { kind: 'string', description: 'embeddings provider id' },
  'out-dir': { kind: 'string', description: 'report folder' },
  'report-url': { kind: 'string', description: 'link to the full report' },
} as const;

/**
 * Builds evaluate() options from `slipway.yml`'s `eval` section, overridden by inputs or flags.
 * Paths in the config are relative to the config file; paths in inputs to the working directory.
 */
export async function evalOptionsFromInputs(rt: Runtime, extra: { git?: { sha?: string; ref?: string }; config?: string } = {}): Promise<EvaluateOptions> {
  const inputs = readInputs(rt, EVAL_INPUTS);
  const configFile = inputs.config ?? extra.config;
  const loaded = await loadConfig({ dir: rt.cwd, ...(configFile ? { file: configFile } : {}) });
  const c = loaded.config.eval ?? {};
  const fromConfig = (p: string) => path.relative(rt.cwd, path.resolve(loaded.dir, p)) || '.';
  const suites = inputs.suites?.length ? inputs.suites : (c.suites ?? []).map(fromConfig);
  const o: EvaluateOptions = { suites };
  const set = <K extends keyof EvaluateOptions>(key: K, value: EvaluateOptions[K] | undefined) => {
    if (value !== undefined) o[key] = value;
  };
  const named = (b: string) => /^(provider|store|env):/.test(b);
  const baseline = inputs.baseline ?? (c.baseline && !named(c.baseline) ? fromConfig(c.baseline) : c.baseline);
  set('baseline', baseline);
  // Stores named in slipway.yml are relative to it; given as inputs, to the working directory.
  const local = (url: string, dir: string) => (/^s3:\/\//i.test(url) ? url : path.resolve(dir, url.replace(/^file:\/\//i, '')));
  const stores: NonNullable<EvaluateOptions['stores']> = {};
  const store = inputs.remote ? local(inputs.remote, rt.cwd) : loaded.config.artifacts?.remote ? local(loaded.config.artifacts.remote, loaded.dir) : undefined;
  if (store) stores.store = store;
  const releaseStore = inputs.state
    ? local(inputs.state, rt.cwd)
    : local(loaded.config.deploy?.state ?? '.slipway/state', loaded.config.deploy?.state ? loaded.dir : rt.cwd);
  stores.releaseStore = releaseStore;
  const s3 = loaded.config.artifacts?.s3;
  if (s3) stores.s3 = Object.fromEntries(Object.entries(s3).filter(([, v]) => v !== undefined));
  o.stores = stores;
  set('pushKey', inputs['push-key']);
  set('alpha', inputs.alpha ?? c.alpha);
  set('passRateFloor', inputs['pass-rate-floor'] ?? c.passRateFloor);
  set('repeats', inputs.repeats ?? c.repeats);
  set('adaptiveRepeats', inputs['adaptive-repeats'] ?? c.adaptiveRepeats);
  set('staleDays', c.staleDays);
  set('concurrency', inputs.concurrency ?? c.concurrency);
  set('timeoutMs', inputs.timeout ?? (c.timeout ? parseDuration('eval.timeout', c.timeout) : undefined));
  if (inputs.shard) o.shard = parseShard(inputs.shard);
  set('shardTimings', inputs['shard-timings']);
  const mode = inputs.cache ?? c.cache ?? 'use';
  o.cacheMode = mode;
  if (mode !== 'off') o.cacheDir = inputs['cache-dir'] ?? (c.cacheDir ? fromConfig(c.cacheDir) : '.slipway/eval-cache');
  set('maxCost', inputs['max-cost'] ?? c.budgets?.cost);
  set('maxDurationMs', inputs['max-duration'] ?? (c.budgets?.time ? parseDuration('eval.budgets.time', c.budgets.time) : undefined));
  set('judge', inputs.judge ?? c.judge);
  set('embeddings', inputs.embeddings ?? c.embeddings);
  set('outDir', inputs['out-dir'] ?? (c.outDir ? fromConfig(c.outDir) : undefined));
  set('reportUrl', inputs['report-url']);
  if (extra.git) o.git = extra.git;
  return o;
}
