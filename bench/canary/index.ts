import { type BenchResult, median, round, target } from '../lib.js';
import { EFFECTS, type Effect, type RunOutcome, runJudge, runThresholds, type ThresholdConfig, TRAFFIC } from './simulate.js';

const RUNS = 200;
const ALPHA = 0.01;
const WEIGHTS = [0.05, 0.1];
/** Argo Rollouts / Flagger style: a 1-minute interval; three failed intervals roll back. */
const INTERVAL_SECONDS = 60;
const FAILURE_LIMIT = 2;

/**
 * Calibrates the fixed thresholds on A/A traffic with seeds the evaluation never sees: for each
 * metric alone, the tightest threshold whose false-rollback rate stays within a third of the
 * 1% budget. This is the best case for fixed thresholds: a team rarely tunes them this well.
 */
function calibrate(weight: number): ThresholdConfig {
  const aa = EFFECTS[0] as Effect;
  const loose: ThresholdConfig = {
    intervalSeconds: INTERVAL_SECONDS,
    failureLimit: FAILURE_LIMIT,
    maxErrorRate: 1,
    maxP99LatencyMs: Number.POSITIVE_INFINITY,
    minEvalPassRate: 0,
  };
  const budget = 0.01 / 3;
  const falseRate = (cfg: ThresholdConfig) =>
    Array.from({ length: RUNS }, (_, i) => runThresholds(900_000 + i, weight, aa, cfg)).filter((r) => r.rolledBack).length / RUNS;
  const pick = <K extends 'maxErrorRate' | 'maxP99LatencyMs' | 'minEvalPassRate'>(key: K, candidates: number[]): number => {
    for (const v of candidates) if (falseRate({ ...loose, [key]: v }) <= budget) return v;
    return candidates.at(-1) as number;
  };
  const p99 = TRAFFIC.latencyMedianMs * Math.exp(TRAFFIC.latencySigma * 2.326);
  return {
    ...loose,
    maxErrorRate: pick('maxErrorRate', [0.012, 0.014, 0.016, 0.018, 0.02, 0.022, 0.025, 0.03, 0.035, 0.04, 0.05, 0.07, 0.1]),
    maxP99LatencyMs: pick(
      'maxP99LatencyMs',
      [1.02, 1.05, 1.1, 1.15, 1.2, 1.3, 1.4, 1.6, 2, 3].map((f) => Math.round(p99 * f)),
    ),
    minEvalPassRate: pick('minEvalPassRate', [0.78, 0.75, 0.72, 0.7, 0.68, 0.65, 0.6, 0.55, 0.5, 0.4, 0.3]),
  };
}

function summarise(runs: RunOutcome[]) {
  const caught = runs.filter((r) => r.rolledBack);
  const exposures = runs.map((r) => r.exposure).sort((a, b) => a - b);
  return {
    rollbackRate: caught.length / runs.length,
    exposureMedian: median(exposures),
    exposureP95: exposures[Math.min(exposures.length - 1, Math.floor(exposures.length * 0.95))] as number,
    minutesMedian: median(runs.map((r) => r.decidedAtMinute)),
  };
}

/** Simulated canaries with known effects, judged by our sequential analysis and by calibrated fixed thresholds. */
export async function run(): Promise<BenchResult> {
  const medians: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  const targets: BenchResult['targets'] = {};
  const notes: string[] = [];
  const started = performance.now();
  for (const weight of WEIGHTS) {
    const pct = `${weight * 100}%`;
    const cfg = calibrate(weight);
    notes.push(
      `fixed thresholds at ${pct} (calibrated on A/A): error rate > ${cfg.maxErrorRate}, p99 > ${cfg.maxP99LatencyMs} ms, eval pass rate < ${cfg.minEvalPassRate}, ${FAILURE_LIMIT + 1} failed 1-minute intervals roll back`,
    );
    for (const effect of EFFECTS) {
      const ours = summarise(Array.from({ length: RUNS }, (_, i) => runJudge(i + 1, weight, effect, ALPHA)));
      const fixed = summarise(Array.from({ length: RUNS }, (_, i) => runThresholds(i + 1, weight, effect, cfg)));
      const key = `${effect.name} @ ${pct}`;
      medians[`${key}: slipway rollback rate`] = round(ours.rollbackRate);
      medians[`${key}: fixed-threshold rollback rate`] = round(fixed.rollbackRate);
      if (effect.name === 'A/A') {
        targets[`A/A false rollbacks @ ${pct}`] = target(ours.rollbackRate, 0.01, 'max', '');
        continue;
      }
      medians[`${key}: slipway exposure median`] = ours.exposureMedian;
      medians[`${key}: slipway exposure p95`] = ours.exposureP95;
      medians[`${key}: fixed-threshold exposure median`] = fixed.exposureMedian;
      medians[`${key}: fixed-threshold exposure p95`] = fixed.exposureP95;
      medians[`${key}: slipway minutes to decision (median)`] = ours.minutesMedian;
      medians[`${key}: fixed-threshold minutes to decision (median)`] = fixed.minutesMedian;
      const ratio = ours.exposureMedian / fixed.exposureMedian;
      ratios[`${key}: exposure slipway / fixed-threshold (median)`] = round(ratio);
      targets[`${key}: exposure vs fixed thresholds`] = target(ratio, 0.5, 'max', 'x');
      targets[`${key}: caught`] = target(ours.rollbackRate, 0.95, 'min', '');
    }
  }
  notes.push(
    `simulation: ${TRAFFIC.requestsPerSecond} req/s, ${TRAFFIC.baseErrorRate * 100}% errors, log-normal latency (median ${TRAFFIC.latencyMedianMs} ms, sigma ${TRAFFIC.latencySigma}), ${TRAFFIC.evalCasesPerMinute} paired eval cases/min at ${TRAFFIC.basePassRate} pass rate, ${TRAFFIC.horizonMinutes}-minute analysis; our judge looks every 30 s with alpha ${ALPHA} spent Pocock-style over the analysis and split across 3 metrics`,
  );
  notes.push(
    `exposure = canary requests served until rollback, or over the whole analysis when it never rolled back; ${RUNS} runs per cell, same seeds for both judges`,
  );
  notes.push(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    name: 'canary',
    description:
      'Canary analysis on simulated traffic with known effects: requests exposed to a bad canary before rollback, and false rollbacks on identical (A/A) traffic, against fixed-threshold interval analysis (Argo Rollouts / Flagger style).',
    peers: {
      'fixed-threshold interval analysis (emulated)': 'Argo Rollouts AnalysisRun / Flagger canary analysis semantics: interval, threshold, failure limit',
    },
    medians,
    ratios,
    targets,
    limit:
      'CPU, one core: the simulation is single-threaded. A --cpu-prof of 30 A/A runs: Mann-Whitney U over up to 6,000 latency samples a look and the medians and quantiles beside it take most of the time; the exact boundaries are computed once per look plan and cached.',
    notes,
  };
}
