import { bootstrapMeanCi, mcnemarExact, wilcoxon } from './stats.js';
import type { EvalResults, TestResult } from './types.js';

export type TestChange = 'newly-failing' | 'newly-passing' | 'flaky' | 'unchanged' | 'new' | 'removed';

/** A test seen on both sides (or one), with what changed. */
export interface PairedTest {
  id: string;
  description: string;
  line: number;
  tags: string[];
  change: TestChange;
  critical: boolean;
  base?: TestResult;
  head?: TestResult;
  scoreDiff: number;
}

/** One row of the metrics table. */
export interface MetricComparison {
  name: string;
  base: number;
  head: number;
  diff: number;
  ci: [number, number];
  p: number;
  test: 'mcnemar' | 'wilcoxon';
  /** Pairs that entered the test. */
  n: number;
  /** Significantly worse at α. */
  regression: boolean;
  improvement: boolean;
}

export interface CompareOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** The head pass rate must reach this (0–1). */
  passRateFloor?: number;
  /** Tag that marks a critical test (default `critical`). */
  criticalTag?: string;
  /** Warn when the baseline is older than this many days (default 14). */
  staleDays?: number;
  now?: Date;
}

export interface Comparison {
  verdict: 'pass' | 'fail';
  /** Why it failed, one line each; empty when it passed. */
  reasons: string[];
  warnings: string[];
  alpha: number;
  metrics: MetricComparison[];
  tests: PairedTest[];
  counts: Record<TestChange, number>;
  baseline: { createdAt: string; ageDays: number; stale: boolean; sha?: string };
}

function pairKey(t: TestResult, byProvider: boolean): string {
  return byProvider ? `${t.id}\u0000${t.provider}` : t.id;
}

/**
 * Compares a head run with its baseline, test by test (paired by stable id), and decides the gate:
 * it fails on a significant regression of the pass rate (McNemar exact) or of any score (Wilcoxon),
 * on a pass rate under the floor, or when a critical test newly fails. Identical runs always pass.
 */
export function compareResults(base: EvalResults, head: EvalResults, options: CompareOptions = {}): Comparison {
  const alpha = options.alpha ?? 0.05;
  const criticalTag = options.criticalTag ?? 'critical';
  const byProvider = base.providers.length > 1 || head.providers.length > 1;
  const baseMap = new Map(base.tests.filter((t) => t.status !== 'skipped').map((t) => [pairKey(t, byProvider), t]));
  const headMap = new Map(head.tests.filter((t) => t.status !== 'skipped').map((t) => [pairKey(t, byProvider), t]));
  const tests: PairedTest[] = [];
  const counts: Record<TestChange, number> = { 'newly-failing': 0, 'newly-passing': 0, flaky: 0, unchanged: 0, new: 0, removed: 0 };

  for (const h of head.tests) {
    if (h.status === 'skipped') continue;
    const b = baseMap.get(pairKey(h, byProvider));
    const pass = (t: TestResult) => t.status === 'pass';
    const change: TestChange = !b
      ? 'new'
      : h.flaky || b.flaky
        ? 'flaky'
        : pass(b) && !pass(h)
          ? 'newly-failing'
          : !pass(b) && pass(h)
            ? 'newly-passing'
            : 'unchanged';
    const p: PairedTest = {
      id: h.id,
      description: h.description,
      line: h.line,
      tags: h.tags,
      change,
      critical: h.tags.includes(criticalTag),
      head: h,
      scoreDiff: b ? h.score - b.score : 0,
    };
    if (b) p.base = b;
    tests.push(p);
    counts[change]++;
  }
  for (const [key, b] of baseMap) {
    if (headMap.has(key)) continue;
    tests.push({
      id: b.id,
      description: b.description,
      line: b.line,
      tags: b.tags,
      change: 'removed',
      critical: b.tags.includes(criticalTag),
      base: b,
      scoreDiff: 0,
    });
    counts.removed++;
  }

  const paired = tests.filter((t): t is PairedTest & { base: TestResult; head: TestResult } => t.base !== undefined && t.head !== undefined);
  const metrics: MetricComparison[] = [];
  // Pass rate: McNemar on per-test pass/fail; the interval is on the paired difference of pass rates.
  {
    const passB = paired.map((t) => t.base.passRate);
    const passH = paired.map((t) => t.head.passRate);
    const onlyBase = paired.filter((t) => t.base.status === 'pass' && t.head.status !== 'pass').length;
    const onlyHead = paired.filter((t) => t.base.status !== 'pass' && t.head.status === 'pass').length;
    const diffs = paired.map((_, i) => (passH[i] ?? 0) - (passB[i] ?? 0));
    const p = mcnemarExact(onlyBase, onlyHead);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const row = {
      name: 'pass rate',
      base: mean(passB),
      head: mean(passH),
      diff: mean(diffs),
      ci: bootstrapMeanCi(diffs),
      p,
      test: 'mcnemar' as const,
      n: onlyBase + onlyHead,
    };
    metrics.push({ ...row, regression: p < alpha && onlyBase > onlyHead, improvement: p < alpha && onlyHead > onlyBase });
  }
  const names = new Set<string>(['score']);
  for (const t of paired) for (const k of Object.keys(t.head.metrics)) if (k in t.base.metrics) names.add(k);
  for (const name of names) {
    const pairs = paired.flatMap((t) => {
      const b = name === 'score' ? t.base.score : t.base.metrics[name];
      const h = name === 'score' ? t.head.score : t.head.metrics[name];
      return b === undefined || h === undefined ? [] : [[b, h] as const];
    });
    if (pairs.length === 0) continue;
    const diffs = pairs.map(([b, h]) => h - b);
    const w = wilcoxon(diffs);
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const diff = mean(diffs);
    metrics.push({
      name,
      base: mean(pairs.map(([b]) => b)),
      head: mean(pairs.map(([, h]) => h)),
      diff,
      ci: bootstrapMeanCi(diffs),
      p: w.p,
      test: 'wilcoxon',
      n: w.n,
      regression: w.p < alpha && diff < 0,
      improvement: w.p < alpha && diff > 0,
    });
  }

  const reasons: string[] = [];
  for (const m of metrics) if (m.regression) reasons.push(`${m.name} fell from ${fmt(m.base)} to ${fmt(m.head)} (p = ${m.p.toPrecision(3)} < α = ${alpha})`);
  if (options.passRateFloor !== undefined && head.totals.passRate < options.passRateFloor) {
    reasons.push(`pass rate ${fmt(head.totals.passRate)} is below the floor of ${fmt(options.passRateFloor)}`);
  }
  const criticalFails = tests.filter((t) => t.critical && t.change === 'newly-failing');
  for (const t of criticalFails) reasons.push(`critical test "${t.id}" newly fails`);

  const warnings: string[] = [];
  const now = options.now ?? new Date();
  const ageDays = (now.getTime() - Date.parse(base.createdAt)) / 86_400_000;
  const staleDays = options.staleDays ?? 14;
  if (ageDays > staleDays) warnings.push(`the baseline is ${Math.floor(ageDays)} days old (older than ${staleDays}); refresh it from the base branch`);
  if (base.partial) warnings.push(`the baseline run was partial (${base.partialReason ?? 'stopped early'})`);
  if (head.partial) warnings.push(`this run is partial (${head.partialReason ?? 'stopped early'}): untested cases are not judged`);
  if (counts.removed > 0) warnings.push(`${counts.removed} baseline test(s) have no result in this run`);
  const baseline: Comparison['baseline'] = { createdAt: base.createdAt, ageDays, stale: ageDays > staleDays };
  if (base.git?.sha) baseline.sha = base.git.sha;
  return { verdict: reasons.length ? 'fail' : 'pass', reasons, warnings, alpha, metrics, tests, counts, baseline };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}
