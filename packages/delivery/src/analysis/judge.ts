import { median, quantile } from '@slipway/stats';
import { type AnalysisOutcome, type MetricInput, type MetricOutcome, type MetricSpec, metricSchema, type Observation, OUTCOME_SEVERITY } from './metric.js';
import { AlphaSpender, type SpendingFunction } from './sequential.js';
import { mannWhitneyTest, type TestResult, twoProportionTest, wilcoxonSignedRankTest } from './tests.js';

export interface JudgeOptions {
  /** Family-wise false-rollback rate across all looks and metrics. */
  alpha?: number;
  spending?: SpendingFunction;
  /** Planned length of the analysis: looks are placed on it to spend alpha. */
  plannedDurationMs: number;
  /** How many looks of each outcome a metric may have before it decides the analysis. */
  limits?: { fail?: number; error?: number; inconclusive?: number };
}

/** The evidence behind one metric's verdict at one look. */
export interface MetricVerdict {
  name: string;
  outcome: MetricOutcome;
  /** Why, in one line with the numbers. */
  reason: string;
  pValue?: number;
  /** The level this look could reject at. */
  level?: number;
  effect?: number;
  /** The canary's own value for absolute conditions. */
  value?: number;
  nCanary: number;
  dryRun: boolean;
}

export interface LookResult {
  outcome: AnalysisOutcome;
  elapsedMs: number;
  final: boolean;
  metrics: MetricVerdict[];
}

/**
 * Judges a canary against stable, look after look, for the length of one analysis.
 * Each metric gets an equal share of alpha (Bonferroni) and spends it over time, so the chance
 * of rolling back a canary that is no worse stays below alpha however often we look.
 */
export class CanaryJudge {
  private readonly metrics: MetricSpec[];
  private readonly spenders: Map<string, AlphaSpender>;
  private readonly counts = new Map<string, Record<'fail' | 'error' | 'inconclusive', number>>();
  private readonly limits: Required<NonNullable<JudgeOptions['limits']>>;

  constructor(
    metrics: readonly MetricInput[],
    private readonly options: JudgeOptions,
  ) {
    this.metrics = metrics.map((m) => metricSchema.parse(m));
    const alpha = options.alpha ?? 0.05;
    const acting = Math.max(1, this.metrics.filter((m) => !m.dryRun).length);
    this.spenders = new Map(this.metrics.map((m) => [m.name, new AlphaSpender(alpha / acting, options.spending ?? 'pocock')]));
    this.limits = { fail: 0, error: 1, inconclusive: 0, ...options.limits };
  }

  /** Judges the observations gathered so far; `final` closes the analysis with pass or inconclusive. */
  look(
    observations: Readonly<Record<string, Observation | Error | undefined>>,
    elapsedMs: number,
    final = elapsedMs >= this.options.plannedDurationMs,
  ): LookResult {
    const t = Math.min(1, elapsedMs / this.options.plannedDurationMs);
    const verdicts = this.metrics.map((m) => this.judgeMetric(m, observations[m.name], t, final));
    let outcome: AnalysisOutcome = final ? 'pass' : 'running';
    for (const v of verdicts) {
      if (v.dryRun || v.outcome === 'pass' || v.outcome === 'running') continue;
      const counts = this.counts.get(v.name) ?? { fail: 0, error: 0, inconclusive: 0 };
      counts[v.outcome]++;
      this.counts.set(v.name, counts);
      // An outcome decides the analysis once it happened more often than its limit allows.
      if (counts[v.outcome] > this.limits[v.outcome] && OUTCOME_SEVERITY[v.outcome] > OUTCOME_SEVERITY[outcome]) outcome = v.outcome;
    }
    if (final && outcome === 'running') outcome = 'pass';
    return { outcome, elapsedMs, final, metrics: verdicts };
  }

  private judgeMetric(m: MetricSpec, obs: Observation | Error | undefined, t: number, final: boolean): MetricVerdict {
    const base = { name: m.name, dryRun: m.dryRun };
    if (obs === undefined || obs instanceof Error) {
      return { ...base, outcome: 'error', reason: obs ? `source failed: ${obs.message}` : 'no data from the source', nCanary: 0 };
    }
    if (obs.test !== m.test) return { ...base, outcome: 'error', reason: `expected ${m.test} data, got ${obs.test}`, nCanary: 0 };
    const level = (this.spenders.get(m.name) as AlphaSpender).levelAt(t);
    const { result, value } = compare(m, obs);
    const shared = { ...base, pValue: result.pValue, level, effect: result.effect, value, nCanary: result.nCanary };
    if (result.nCanary < m.minSample) {
      return final
        ? { ...shared, outcome: 'inconclusive', reason: `only ${result.nCanary} canary samples, ${m.minSample} needed` }
        : { ...shared, outcome: 'running', reason: `${result.nCanary}/${m.minSample} samples` };
    }
    if (m.max !== undefined && value > m.max) return { ...shared, outcome: 'fail', reason: `canary ${fmt(value)} is above the limit ${m.max}` };
    if (m.min !== undefined && value < m.min) return { ...shared, outcome: 'fail', reason: `canary ${fmt(value)} is below the limit ${m.min}` };
    if (result.pValue <= level) {
      return {
        ...shared,
        outcome: 'fail',
        reason: `canary worse than stable beyond tolerance ${m.tolerance} (effect ${fmt(result.effect)}, p=${result.pValue.toExponential(2)} ≤ ${level.toExponential(2)})`,
      };
    }
    return final
      ? { ...shared, outcome: 'pass', reason: `no significant regression (effect ${fmt(result.effect)}, p=${fmt(result.pValue)})` }
      : { ...shared, outcome: 'running', reason: `no regression so far (p=${fmt(result.pValue)})` };
  }
}

/** Runs the metric's test in its bad direction and computes the canary's own value. */
function compare(m: MetricSpec, obs: Observation): { result: TestResult; value: number } {
  const worseIsHigher = m.direction === 'lower-is-better';
  switch (obs.test) {
    case 'proportion': {
      const flip = (p: { events: number; trials: number }) => (worseIsHigher ? p : { events: p.trials - p.events, trials: p.trials });
      const value = obs.canary.trials ? obs.canary.events / obs.canary.trials : 0;
      return { result: twoProportionTest(flip(obs.stable), flip(obs.canary), m.tolerance), value };
    }
    case 'distribution': {
      // Higher-is-better values (tokens per second) are positive rates: their reciprocals turn
      // "lower by more than x%" into the same upper-tail test with the same relative tolerance.
      const inv = (xs: readonly number[]) => xs.map((x) => 1 / x);
      const result = worseIsHigher ? mannWhitneyTest(obs.stable, obs.canary, m.tolerance) : mannWhitneyTest(inv(obs.stable), inv(obs.canary), m.tolerance);
      return { result, value: statOf(obs.canary, m.stat) };
    }
    case 'paired': {
      const pairs = worseIsHigher ? obs.pairs.map(([s, c]) => [c, s] as const) : obs.pairs;
      const mean = obs.pairs.length ? obs.pairs.reduce((sum, [, c]) => sum + c, 0) / obs.pairs.length : Number.NaN;
      return { result: wilcoxonSignedRankTest(pairs, m.tolerance), value: mean };
    }
  }
}

function statOf(xs: readonly number[], stat: MetricSpec['stat']): number {
  if (stat === 'mean') return xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
  if (stat === 'median') return median(xs);
  return quantile(xs, Number(stat.slice(1)) / 100);
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2);
}
