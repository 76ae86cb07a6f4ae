import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@slipway/kit';
import type { LauncherKind, Params } from './launchers/launcher.js';

export const TRIAL_SCHEMA = 'slipway.fine-tune.trial/v1';
export const TRIAL_SUFFIX = '.trial.json';

/** Versioned weights: what a pointer file holds, so select-best can write the winner's pointer. */
export interface TrialArtifact {
  /** Path the weights were tracked at, relative to the repository root. */
  path: string;
  md5: string;
  size: number;
  nfiles?: number;
  /** The remote the objects were pushed to. */
  remote: string;
}

/** What one training run (a sweep leg, or a single run) left: the record select-best reads. */
export interface Trial {
  schema: typeof TRIAL_SCHEMA;
  leg: string;
  name: string;
  params: Params;
  launcher: LauncherKind;
  status: 'succeeded' | 'failed';
  /** Why it failed, in the job's own words. */
  error?: string;
  jobId: string;
  /** Where the model is: a local folder, a fine-tuned model id, an S3 URI. */
  model: string;
  /** Metrics the training reported. */
  metrics: Record<string, number>;
  eval: {
    metric: string;
    goal: 'maximize' | 'minimize';
    /** The value select-best ranks by; absent when evaluation could not produce it. */
    value?: number;
    passRate?: number;
    /** Every metric the evaluation produced (suite metrics, command output). */
    metrics: Record<string, number>;
    /** Results files of the eval suites, relative to the repository. */
    results: string[];
  };
  artifact?: TrialArtifact;
  dataDigest: string;
  durationMs: number;
  createdAt: string;
}

/** Reads every `*.trial.json` under `dir` (downloaded matrix artifacts sit in subfolders), checked. */
export async function readTrials(dir: string, shown = dir): Promise<Trial[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(TRIAL_SUFFIX)).sort();
  } catch {
    throw new ConfigError([{ location: { file: shown }, message: 'no such folder of trial results' }]);
  }
  const trials: Trial[] = [];
  for (const rel of entries) {
    const file = path.join(dir, rel);
    let t: Partial<Trial>;
    try {
      t = JSON.parse(await readFile(file, 'utf8')) as Partial<Trial>;
    } catch (error) {
      throw new ConfigError([{ location: { file: path.join(shown, rel) }, message: `not JSON: ${(error as Error).message.split('\n')[0]}` }]);
    }
    if (t.schema !== TRIAL_SCHEMA || typeof t.leg !== 'string' || !t.eval) {
      throw new ConfigError([{ location: { file: path.join(shown, rel) }, message: `not a trial record (expected "schema": "${TRIAL_SCHEMA}")` }]);
    }
    trials.push(t as Trial);
  }
  return trials;
}
