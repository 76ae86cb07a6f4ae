import { CanaryJudge, type MetricInput, type Observation } from '@slipway/delivery';
import { mulberry32 } from '@slipway/stats';

/** A known difference between canary and stable, or none (A/A). */
export interface Effect {
  name: string;
  errorFactor: number;
  latencyFactor: number;
  /** Change in the probability that an eval case passes, e.g. -0.10 for "10 points worse". */
  qualityDelta: number;
}

export const EFFECTS: Effect[] = [
  { name: 'A/A', errorFactor: 1, latencyFactor: 1, qualityDelta: 0 },
  { name: 'errors x2', errorFactor: 2, latencyFactor: 1, qualityDelta: 0 },
  { name: 'latency +30%', errorFactor: 1, latencyFactor: 1.3, qualityDelta: 0 },
  { name: 'quality -10 points', errorFactor: 1, latencyFactor: 1, qualityDelta: -0.1 },
];

/** The traffic the simulation serves: an LLM endpoint at a steady rate, and an online eval. */
export const TRAFFIC = {
  requestsPerSecond: 100,
  baseErrorRate: 0.01,
  /** Log-normal latency: median 800 ms, sigma 0.5 (LLM responses spread widely). */
  latencyMedianMs: 800,
  latencySigma: 0.5,
  /** Eval cases sent to both variants through the override header, per minute. */
  evalCasesPerMinute: 30,
  basePassRate: 0.8,
  horizonMinutes: 30,
  /** Stable latencies kept for comparison (a reservoir, as the gateway's stats API returns). */
  latencyReservoir: 3000,
};

export interface RunOutcome {
  rolledBack: boolean;
  /** Canary requests served until the decision (or the whole horizon). */
  exposure: number;
  decidedAtMinute: number;
}

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function poisson(r: () => number, mean: number): number {
  // Normal approximation is fine at the counts simulated here (tens to hundreds a step).
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
  let k = 0;
  for (let p = Math.exp(-mean), s = p, u = r(); u > s; k++) {
    p *= mean / (k + 1);
    s += p;
  }
  return k;
}

/** One simulated step of traffic, second by second aggregated to `stepSeconds`. */
interface Window {
  stable: { events: number; trials: number; latencies: number[] };
  canary: { events: number; trials: number; latencies: number[] };
  pairs: [number, number][];
}

/** Keeps a uniform sample of bounded size (Algorithm R), as the gateway's stats API returns recent samples. */
function reservoirPush(r: () => number, xs: number[], seen: { n: number }, v: number): void {
  seen.n++;
  if (xs.length < TRAFFIC.latencyReservoir) xs.push(v);
  else {
    const j = Math.floor(r() * seen.n);
    if (j < TRAFFIC.latencyReservoir) xs[j] = v;
  }
}

function simulateStep(
  r: () => number,
  weight: number,
  effect: Effect,
  stepSeconds: number,
  w: Window,
  seen: { stable: { n: number }; canary: { n: number } },
): number {
  const T = TRAFFIC;
  const nCanary = poisson(r, T.requestsPerSecond * weight * stepSeconds);
  const nStable = poisson(r, T.requestsPerSecond * (1 - weight) * stepSeconds);
  const latency = (factor: number) => T.latencyMedianMs * factor * Math.exp(T.latencySigma * gaussian(r));
  for (let i = 0; i < nCanary; i++) {
    w.canary.trials++;
    if (r() < T.baseErrorRate * effect.errorFactor) w.canary.events++;
    else reservoirPush(r, w.canary.latencies, seen.canary, latency(effect.latencyFactor));
  }
  for (let i = 0; i < nStable; i++) {
    w.stable.trials++;
    if (r() < T.baseErrorRate) w.stable.events++;
    else reservoirPush(r, w.stable.latencies, seen.stable, latency(1));
  }
  const cases = poisson(r, (T.evalCasesPerMinute * stepSeconds) / 60);
  for (let i = 0; i < cases; i++) {
    // Pairs share the case's difficulty, as the same question asked of both versions does.
    const u = r();
    w.pairs.push([u < T.basePassRate ? 1 : 0, u < T.basePassRate + effect.qualityDelta ? 1 : 0]);
  }
  return nCanary;
}

/** The metrics our judge watches in the simulation, as a team would configure them. */
export const JUDGE_METRICS: MetricInput[] = [
  { name: 'error-rate', test: 'proportion', tolerance: 0, minSample: 300 },
  { name: 'latency', test: 'distribution', tolerance: 0.05, minSample: 300 },
  { name: 'eval-score', test: 'paired', direction: 'higher-is-better', tolerance: 0, minSample: 30 },
];

/** Runs our sequential judge over one simulated canary, looking every `lookSeconds`. */
export function runJudge(seed: number, weight: number, effect: Effect, alpha: number, lookSeconds = 30): RunOutcome {
  const r = mulberry32(seed);
  const horizonMs = TRAFFIC.horizonMinutes * 60_000;
  const judge = new CanaryJudge(JUDGE_METRICS, { alpha, plannedDurationMs: horizonMs, spending: 'pocock' });
  const w: Window = { stable: { events: 0, trials: 0, latencies: [] }, canary: { events: 0, trials: 0, latencies: [] }, pairs: [] };
  const seen = { stable: { n: 0 }, canary: { n: 0 } };
  let exposure = 0;
  for (let elapsed = lookSeconds; elapsed <= horizonMs / 1000; elapsed += lookSeconds) {
    exposure += simulateStep(r, weight, effect, lookSeconds, w, seen);
    const observations: Record<string, Observation> = {
      'error-rate': { test: 'proportion', stable: w.stable, canary: w.canary },
      latency: { test: 'distribution', stable: w.stable.latencies, canary: w.canary.latencies },
      'eval-score': { test: 'paired', pairs: w.pairs },
    };
    const look = judge.look(observations, elapsed * 1000);
    if (look.outcome === 'fail' || look.outcome === 'error') return { rolledBack: true, exposure, decidedAtMinute: elapsed / 60 };
    if (look.final) break;
  }
  return { rolledBack: false, exposure, decidedAtMinute: TRAFFIC.horizonMinutes };
}

/** Fixed thresholds checked once per interval, rolled back after `failureLimit` failed intervals (Argo Rollouts / Flagger style). */
export interface ThresholdConfig {
  intervalSeconds: number;
  /** Failed intervals tolerated; one more rolls back. */
  failureLimit: number;
  maxErrorRate: number;
  maxP99LatencyMs: number;
  minEvalPassRate: number;
}

/** Emulates interval analysis with fixed thresholds: each interval is judged on its own data only. */
export function runThresholds(seed: number, weight: number, effect: Effect, cfg: ThresholdConfig): RunOutcome {
  const r = mulberry32(seed);
  let exposure = 0;
  let failures = 0;
  for (let elapsed = cfg.intervalSeconds; elapsed <= TRAFFIC.horizonMinutes * 60; elapsed += cfg.intervalSeconds) {
    const w: Window = { stable: { events: 0, trials: 0, latencies: [] }, canary: { events: 0, trials: 0, latencies: [] }, pairs: [] };
    exposure += simulateStep(r, weight, effect, cfg.intervalSeconds, w, { stable: { n: 0 }, canary: { n: 0 } });
    const errorRate = w.canary.trials ? w.canary.events / w.canary.trials : 0;
    const sorted = [...w.canary.latencies].sort((a, b) => a - b);
    const p99 = sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] as number) : 0;
    const passRate = w.pairs.length ? w.pairs.reduce((s, [, c]) => s + c, 0) / w.pairs.length : 1;
    if (errorRate > cfg.maxErrorRate || p99 > cfg.maxP99LatencyMs || passRate < cfg.minEvalPassRate) failures++;
    if (failures > cfg.failureLimit) return { rolledBack: true, exposure, decidedAtMinute: elapsed / 60 };
  }
  return { rolledBack: false, exposure, decidedAtMinute: TRAFFIC.horizonMinutes };
}
