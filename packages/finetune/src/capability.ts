import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Runtime, UserError } from '@slipway/kit';
import type { DataReport } from './internal/data/check.js';
import type { Params } from './internal/launchers/launcher.js';
import { type FineTuneOptions, resolveFineTune } from './internal/resolve.js';
import type { Selection } from './internal/select.js';
import { checkStep, type Registration, registerStep, selectStep, sweepStep, trainStep } from './internal/steps.js';
import type { Leg } from './internal/sweep.js';
import { TRIAL_SCHEMA, type Trial } from './internal/trial.js';

export const FINE_TUNE_MODES = ['check', 'train', 'sweep', 'select-best', 'register'] as const;
export type FineTuneMode = (typeof FINE_TUNE_MODES)[number];

export interface FineTuneRunOptions extends FineTuneOptions {
  /** sweep: run every leg here, one after the other, then select the best and register it (a laptop, the demo). */
  local?: boolean;
  /** register: the trial record to register. */
  trial?: string;
}

export interface FineTuneResult {
  mode: FineTuneMode;
  data?: DataReport;
  legs?: Leg[];
  trial?: Trial;
  trials?: Trial[];
  selection?: Selection;
  registration?: Registration;
}

/**
 * The fine-tune capability. `check`: the data checks alone. `train`: check, train, evaluate,
 * version the weights and (unless this is a sweep leg) register them. `sweep`: the legs as a
 * matrix output (or, with `local`, every leg here then select-best). `select-best`: read every
 * leg's trial, pick the best by the configured metric, register it. `register`: one trial file.
 */
export async function fineTune(rt: Runtime, mode: FineTuneMode, options: FineTuneRunOptions): Promise<FineTuneResult> {
  const r = await resolveFineTune(rt, options);
  switch (mode) {
    case 'check':
      return { mode, data: await checkStep(rt, r) };
    case 'train': {
      const trial = await trainStep(rt, r);
      const register = options.register ?? !options.leg;
      return { mode, trial, ...(register ? { registration: await registerStep(rt, r, trial) } : {}) };
    }
    case 'sweep': {
      const legs = await sweepStep(rt, r);
      if (!options.local) return { mode, legs };
      // One data check for every leg: the data does not change between them.
      const data = await checkStep(rt, r);
      const trials: Trial[] = [];
      for (const leg of legs) {
        try {
          trials.push(await trainStep(rt, r, leg, { separateOutput: true, report: data }));
        } catch (error) {
          // A failed leg is a trial too; the others still run, and select-best decides.
          if (!UserError.is(error)) throw error;
          rt.log.warn(`${leg.id} failed: ${error.message}`);
        }
      }
      const selection = await selectStep(rt, r, path.relative(r.root, r.outDir) || '.');
      const register = options.register ?? true;
      return { mode, data, legs, trials: selection.ranked, selection, ...(register ? { registration: await registerStep(rt, r, selection.best) } : {}) };
    }
    case 'select-best': {
      const selection = await selectStep(rt, r, options.trials ?? (path.relative(r.root, r.outDir) || '.'));
      const register = options.register ?? true;
      return { mode, selection, trials: selection.ranked, ...(register ? { registration: await registerStep(rt, r, selection.best) } : {}) };
    }
    case 'register': {
      if (!options.trial) throw new UserError('register needs a trial record', { hint: 'pass --trial .slipway/fine-tune/<leg>.trial.json' });
      const file = path.resolve(rt.cwd, options.trial);
      let trial: Trial;
      try {
        trial = JSON.parse(await readFile(file, 'utf8')) as Trial;
      } catch (error) {
        throw new ConfigError([{ location: { file: options.trial }, message: `cannot read the trial record: ${(error as Error).message.split('\n')[0]}` }]);
      }
      if (trial.schema !== TRIAL_SCHEMA)
        throw new ConfigError([{ location: { file: options.trial }, message: `not a trial record (expected "schema": "${TRIAL_SCHEMA}")` }]);
      if (trial.status !== 'succeeded') throw new UserError(`${options.trial} is a failed run (${trial.error ?? 'no reason'}): nothing to register`);
      return { mode, trial, registration: await registerStep(rt, r, trial) };
    }
  }
}

/** Parses the `params` input: a JSON object of scalars (what a matrix leg passes). */
export function parseParams(raw: string | undefined): Params | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new UserError(`input "params": not JSON: ${raw.slice(0, 80)}`, { hint: 'pass the matrix leg’s params from the sweep output, e.g. {"lr": 0.1}' });
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UserError('input "params": must be a JSON object', { hint: 'e.g. {"epochs": 3}' });
  for (const [k, x] of Object.entries(v)) {
    if (!['string', 'number', 'boolean'].includes(typeof x)) throw new UserError(`input "params": ${k} must be a string, number or boolean`);
  }
  return v as Params;
}
