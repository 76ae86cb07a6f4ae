import { ConfigError } from '@slipway/kit';
import { mulberry32 } from '@slipway/stats';
import type { Params } from './launchers/launcher.js';

export type Scalar = string | number | boolean;
export type ParameterSpec = Scalar[] | { min: number; max: number; scale?: 'linear' | 'log' | undefined; integer?: boolean | undefined };

export interface SweepSpec {
  method?: 'grid' | 'random' | undefined;
  budget?: number | undefined;
  seed?: number | undefined;
  parameters: Record<string, ParameterSpec>;
}

/** One leg of a sweep: an id that names its artifacts, and its hyperparameters. */
export interface Leg {
  id: string;
  params: Params;
}

/** GitHub's limit on the jobs of one matrix. */
export const MATRIX_LIMIT = 256;

/**
 * The legs of a sweep. Grid: every combination of the listed values, sampled down to the
 * budget without replacement when there are more. Random: `budget` points, each value drawn
 * from its list or range (log-uniform with `scale: log`). Seeded: the same spec gives the same legs.
 */
export function planSweep(spec: SweepSpec, where = 'train.sweep'): Leg[] {
  const names = Object.keys(spec.parameters);
  if (names.length === 0) throw new ConfigError([{ location: { file: where }, message: 'sweep.parameters is empty: list at least one hyperparameter' }]);
  const method = spec.method ?? 'grid';
  const rng = mulberry32(spec.seed ?? 1);
  const budget = Math.min(spec.budget ?? MATRIX_LIMIT, MATRIX_LIMIT);
  let points: Params[];
  if (method === 'grid') {
    const ranges = names.map((n) => {
      const v = spec.parameters[n];
      if (!Array.isArray(v))
        throw new ConfigError([{ location: { file: where }, message: `parameters.${n} is a range: a grid needs a list of values (or use method: random)` }]);
      return v;
    });
    const total = ranges.reduce((p, r) => p * r.length, 1);
    const pick = total <= budget ? [...Array(total).keys()] : sample(total, budget, rng).sort((a, b) => a - b);
    points = pick.map((index) => {
      const p: Params = {};
      let rest = index;
      // Last parameter varies fastest, as in a nested loop written in declaration order.
      for (let i = names.length - 1; i >= 0; i--) {
        const r = ranges[i] as Scalar[];
        p[names[i] as string] = r[rest % r.length] as Scalar;
        rest = Math.floor(rest / r.length);
      }
      return Object.fromEntries(names.map((n) => [n, p[n] as Scalar]));
    });
  } else {
    if (spec.budget === undefined) throw new ConfigError([{ location: { file: where }, message: 'random search needs a budget: how many legs to run' }]);
    points = Array.from({ length: budget }, () => Object.fromEntries(names.map((n) => [n, draw(spec.parameters[n] as ParameterSpec, rng, n, where)])));
  }
  return points.map((params, i) => ({ id: `leg-${String(i + 1).padStart(String(points.length).length, '0')}`, params }));
}

/** `k` distinct indices below `n` (Floyd's algorithm: no array of size n). */
function sample(n: number, k: number, rng: () => number): number[] {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(rng() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen];
}

function draw(spec: ParameterSpec, rng: () => number, name: string, where: string): Scalar {
  if (Array.isArray(spec)) return spec[Math.floor(rng() * spec.length)] as Scalar;
  const { min, max, scale = 'linear', integer = false } = spec;
  if (!(max > min)) throw new ConfigError([{ location: { file: where }, message: `parameters.${name}: max must be above min` }]);
  if (scale === 'log' && min <= 0) throw new ConfigError([{ location: { file: where }, message: `parameters.${name}: a log scale needs min > 0` }]);
  const u = rng();
  const x = scale === 'log' ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  return integer ? Math.round(x) : Number(x.toPrecision(6));
}

/**
 * The matrix a workflow feeds to `strategy.matrix` with `fromJSON`: one `include` entry per
 * leg, with its id, its parameters as a JSON string (for the action's `params` input) and each
 * parameter as its own key (for readable job names).
 */
export function sweepMatrix(legs: readonly Leg[]): { include: Record<string, string | number | boolean>[] } {
  return { include: legs.map((l) => ({ leg: l.id, params: JSON.stringify(l.params), ...l.params })) };
}
