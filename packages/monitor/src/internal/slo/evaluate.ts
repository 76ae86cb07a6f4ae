import { type AnomalyResult, ewma, robustZ } from '../stats/baseline.js';
import { SLO_METRICS, type SloMetric, type WindowedReadings } from './sources.js';

export type Level = 'ok' | 'warn' | 'breach' | 'insufficient';

/** One SLO, checked: the value against its objective, and against its own trailing baseline. */
export interface SloFinding {
  metric: SloMetric;
  unit: string;
  value: number | undefined;
  objective: number | undefined;
  level: Level;
  anomaly?: AnomalyResult;
  /** The trailing windows' values, oldest first (for the chart). */
  baseline: number[];
  reason: string;
}

export interface SloOptions {
  objectives: Partial<Record<SloMetric, number>>;
  warnAt: number;
  minRequests: number;
  anomaly: { method: 'robust-z' | 'ewma' | 'off'; threshold: number; severity: 'warn' | 'breach'; minBaseline: number };
}

export const UNITS: Record<SloMetric, string> = {
  latencyP95: 'ms',
  ttftP95: 'ms',
  errorRate: '',
  tokensPerRequest: 'tokens',
  costPerHour: 'USD/h',
  costPerDay: 'USD/day',
};

/**
 * The smallest change of each metric worth a score, absolute and relative to the baseline: flat
 * baselines otherwise make noise look huge. Cost follows throughput, which swings with load.
 */
const MIN_SCALE: Record<SloMetric, { abs: number; rel: number }> = {
  latencyP95: { abs: 25, rel: 0.1 },
  ttftP95: { abs: 25, rel: 0.1 },
  errorRate: { abs: 0.01, rel: 0.1 },
  tokensPerRequest: { abs: 1, rel: 0.05 },
  costPerHour: { abs: 0.001, rel: 0.25 },
  costPerDay: { abs: 0.01, rel: 0.25 },
};

function minScale(metric: SloMetric, baseline: readonly number[]): number {
  const sorted = [...baseline].sort((a, b) => a - b);
  const mid = Math.abs(sorted[Math.floor(sorted.length / 2)] ?? 0);
  return Math.max(MIN_SCALE[metric].abs, MIN_SCALE[metric].rel * mid);
}

export function formatValue(metric: SloMetric, v: number | undefined): string {
  if (v === undefined) return 'no data';
  if (metric === 'errorRate') return `${(v * 100).toFixed(2)}%`;
  if (metric === 'costPerHour' || metric === 'costPerDay') return `$${v.toFixed(v < 1 ? 4 : 2)}`;
  return `${v.toFixed(v < 10 ? 2 : 0)} ${UNITS[metric]}`;
}

/**
 * Judges each metric: above its objective is a breach, above `warnAt` of it a warning; an anomaly
 * against the trailing baseline (only upwards: worse) warns, or breaches when so configured. Too
 * few requests in the window, or too short a baseline, says so instead of judging.
 */
export function evaluateSlos(readings: WindowedReadings, o: SloOptions): SloFinding[] {
  const findings: SloFinding[] = [];
  for (const metric of SLO_METRICS) {
    const { current, baseline } = readings.metrics[metric];
    const objective = o.objectives[metric];
    const unit = UNITS[metric];
    const f: SloFinding = { metric, unit, value: current, objective, level: 'ok', baseline, reason: '' };
    if (readings.requests < o.minRequests) {
      f.level = 'insufficient';
      f.reason = `sample too small: ${readings.requests} requests in the window, ${o.minRequests} needed`;
      findings.push(f);
      continue;
    }
    if (current === undefined) {
      if (objective === undefined) continue;
      f.level = 'insufficient';
      f.reason = 'no data in the window';
      findings.push(f);
      continue;
    }
    const reasons: string[] = [];
    if (objective !== undefined) {
      if (current > objective) {
        f.level = 'breach';
        reasons.push(`${formatValue(metric, current)} is over the objective ${formatValue(metric, objective)}`);
      } else if (current > objective * o.warnAt) {
        f.level = 'warn';
        reasons.push(`${formatValue(metric, current)} is past ${Math.round(o.warnAt * 100)}% of the objective ${formatValue(metric, objective)}`);
      } else reasons.push(`${formatValue(metric, current)} within ${formatValue(metric, objective)}`);
    }
    if (o.anomaly.method !== 'off') {
      if (baseline.length >= o.anomaly.minBaseline) {
        const a =
          o.anomaly.method === 'ewma'
            ? ewma(baseline, current, o.anomaly.threshold, 0.3, minScale(metric, baseline))
            : robustZ(baseline, current, o.anomaly.threshold, minScale(metric, baseline));
        f.anomaly = a;
        if (a.anomalous) {
          reasons.push(`anomalous against the trailing ${baseline.length} windows (${a.method} ${a.score.toFixed(1)} > ${o.anomaly.threshold})`);
          if (f.level === 'ok' || (f.level === 'warn' && o.anomaly.severity === 'breach')) f.level = o.anomaly.severity;
        }
      } else if (objective !== undefined || baseline.length > 0) {
        reasons.push(`baseline too short for anomalies (${baseline.length} of ${o.anomaly.minBaseline} windows)`);
      }
    }
    if (objective === undefined && !f.anomaly) continue;
    f.reason = reasons.join('; ');
    findings.push(f);
  }
  return findings;
}
