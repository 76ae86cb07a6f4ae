import { binomialSf, median, normalQuantile, normalSf } from '@slipway/stats';

/** What a comparison found: the one-sided p-value that the canary is worse than stable beyond the tolerance. */
export interface TestResult {
  /** One-sided p-value of "canary is worse than stable by more than the tolerance". */
  pValue: number;
  /** The test statistic (a z-score for all tests here). */
  z: number;
  /** Canary minus stable in the metric's own unit (rate difference, median ratio - 1, mean paired difference). */
  effect: number;
  nStable: number;
  nCanary: number;
}

export interface Proportion {
  /** Requests that were errors (or refusals). */
  events: number;
  trials: number;
}

/**
 * Is the canary's event rate (errors, refusals) higher than stable's by more than `margin`
 * (absolute, e.g. 0.005 for half a point)? One-sided. With no margin: the exact conditional
 * binomial test (as `scipy.stats.binomtest(x_c, x_c + x_s, n_c / (n_c + n_s), alternative='greater')`),
 * calibrated at the handful of events a young canary has; with a margin, a Wald test on
 * Agresti–Caffo adjusted rates. Zero events stay finite in both.
 */
export function twoProportionTest(stable: Proportion, canary: Proportion, margin = 0): TestResult {
  const effect = canary.trials && stable.trials ? canary.events / canary.trials - stable.events / stable.trials : 0;
  const base = { effect, nStable: stable.trials, nCanary: canary.trials };
  if (stable.trials === 0 || canary.trials === 0) return { ...base, pValue: 1, z: 0 };
  if (margin === 0) {
    // Conditional on the total number of events, the canary's share is Binomial(E, n_c / (n_c + n_s))
    // when the rates are equal: an exact test, where the z-test's normal tail is too thin at the
    // small counts of a young canary and rolls back good versions too often.
    const total = stable.events + canary.events;
    const p = binomialSf(canary.events, total, canary.trials / (canary.trials + stable.trials));
    const z = -normalQuantile(Math.min(1 - 1e-16, Math.max(p, 1e-300)));
    return { ...base, pValue: p, z };
  }
  const ps = (stable.events + 1) / (stable.trials + 2);
  const pc = (canary.events + 1) / (canary.trials + 2);
  const se = Math.sqrt((ps * (1 - ps)) / (stable.trials + 2) + (pc * (1 - pc)) / (canary.trials + 2));
  const z = (pc - ps - margin) / se;
  return { ...base, pValue: normalSf(z), z };
}

/**
 * Does the canary tend to take longer than stable, beyond a relative tolerance? Mann–Whitney U
 * on canary/(1+tolerance) against stable, one-sided, normal approximation with tie correction
 * (as scipy.stats.mannwhitneyu(method='asymptotic', use_continuity=True)).
 */
export function mannWhitneyTest(stable: readonly number[], canary: readonly number[], tolerance = 0): TestResult {
  const n1 = canary.length;
  const n2 = stable.length;
  const scaled = canary.map((x) => x / (1 + tolerance));
  const effect = n1 && n2 ? median(canary) / median(stable) - 1 : 0;
  if (n1 === 0 || n2 === 0) return { pValue: 1, z: 0, effect, nStable: n2, nCanary: n1 };
  // Sort each side as a typed array, then merge: no per-sample objects, so large windows stay cheap.
  const c = Float64Array.from(scaled).sort();
  const st = Float64Array.from(stable).sort();
  let rankSumCanary = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let rank = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && (c[i] as number) <= (st[j] as number)) ? (c[i] as number) : (st[j] as number);
    let inC = 0;
    let inS = 0;
    while (i < n1 && c[i] === v) {
      i++;
      inC++;
    }
    while (j < n2 && st[j] === v) {
      j++;
      inS++;
    }
    const t = inC + inS;
    rankSumCanary += inC * (rank + (t + 1) / 2);
    rank += t;
    tieTerm += t ** 3 - t;
  }
  const u = rankSumCanary - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { pValue: 1, z: 0, effect, nStable: n2, nCanary: n1 };
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  return { pValue: normalSf(z), z, effect, nStable: n2, nCanary: n1 };
}

/**
 * Do paired scores (the same eval case answered by stable and by canary) drop by more than
 * `tolerance` points? Wilcoxon signed-rank on (stable - canary - tolerance), one-sided, zero
 * differences dropped, normal approximation with tie and continuity correction
 * (as scipy.stats.wilcoxon(zero_method='wilcox', correction=True, method='approx')).
 */
export function wilcoxonSignedRankTest(pairs: readonly (readonly [stable: number, canary: number])[], tolerance = 0): TestResult {
  const diffs = pairs.map(([s, c]) => s - c - tolerance).filter((d) => d !== 0);
  const effect = pairs.length ? pairs.reduce((sum, [s, c]) => sum + (c - s), 0) / pairs.length : 0;
  const n = diffs.length;
  if (n === 0) return { pValue: 1, z: 0, effect, nStable: pairs.length, nCanary: pairs.length };
  const sorted = diffs.map((d) => ({ a: Math.abs(d), pos: d > 0 })).sort((x, y) => x.a - y.a);
  let wPlus = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && (sorted[j + 1] as { a: number }).a === (sorted[i] as { a: number }).a) j++;
    const rank = (i + j + 2) / 2;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    for (let k = i; k <= j; k++) if ((sorted[k] as { pos: boolean }).pos) wPlus += rank;
    i = j + 1;
  }
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  const z = (wPlus - mean - 0.5) / Math.sqrt(variance);
  return { pValue: normalSf(z), z, effect, nStable: pairs.length, nCanary: pairs.length };
}
