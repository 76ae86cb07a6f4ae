import { metricSchema } from '@slipway/config';
import type { z } from 'zod';

export { metricSchema };

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
