import type { Observation } from './analysis/metric.js';

/** Reads what the analysis judges: one observation per metric name, or the error that prevented it. */
export interface MetricSource {
  collect(window: { since: number; until: number }): Promise<Record<string, Observation | Error>>;
}
