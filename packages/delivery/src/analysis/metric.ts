import { z } from 'zod';

/**
 * One metric of a canary analysis: what it compares and how much worse the canary may be.
 * `tolerance` is in the metric's own terms: absolute rate for proportions (0.005 = half a
 * point), relative for distributions (0.1 = 10% slower), points for paired scores.
 */
export const metricSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]*$/i, 'a name like error-rate'),
    test: z
      .enum(['proportion', 'distribution', 'paired'])
      .describe('proportion: error/refusal rates; distribution: latencies, lengths; paired: eval scores by case'),
    direction: z.enum(['lower-is-better', 'higher-is-better']).default('lower-is-better'),
    tolerance: z.number().min(0).default(0),
    /** Canary samples needed before any verdict; fewer is inconclusive, never a failure. */
    minSample: z.number().int().min(1).default(100),
    /** Absolute conditions on the canary's own value (rate, the `stat` of a distribution, mean score). */
    max: z.number().optional(),
    min: z.number().optional(),
    stat: z.enum(['mean', 'median', 'p90', 'p95', 'p99']).default('p95'),
    /** Evaluate and report, but never act on it. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export type MetricSpec = z.infer<typeof metricSchema>;
export type MetricInput = z.input<typeof metricSchema>;

/** What a metric source measured for stable and canary over the window so far. */
export type Observation =
  | { test: 'proportion'; stable: { events: number; trials: number }; canary: { events: number; trials: number } }
  | { test: 'distribution'; stable: readonly number[]; canary: readonly number[] }
  | { test: 'paired'; pairs: readonly (readonly [stable: number, canary: number])[] };

/** The verdict on one metric at one look. `running`: no verdict yet, keep watching. */
export type MetricOutcome = 'pass' | 'fail' | 'inconclusive' | 'error' | 'running';
/** The verdict on the whole analysis. */
export type AnalysisOutcome = 'pass' | 'fail' | 'inconclusive' | 'error' | 'running';

/** Worst first: the worst outcome of any metric is the analysis outcome. */
export const OUTCOME_SEVERITY: Record<AnalysisOutcome, number> = { error: 4, fail: 3, inconclusive: 2, running: 1, pass: 0 };
