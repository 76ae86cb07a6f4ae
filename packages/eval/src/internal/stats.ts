import { mulberry32, normalSf } from '@slipway/stats';

// Paired tests for "did the pull request make it worse?": McNemar's exact test for pass/fail pairs,
// the Wilcoxon signed-rank test for scores, and a seeded paired bootstrap for confidence intervals.

/** log C(n, k) via log-gamma-free summation (exact enough for n up to ~10^6). */
function logChoose(n: number, k: number): number {
  let s = 0;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) s += Math.log(n - m + i) - Math.log(i);
  return s;
}

/**
 * McNemar's exact test: `b` pairs passed on base only, `c` on head only. Two-sided p-value of the
 * binomial test of min(b, c) out of b + c at 1/2 (what `scipy.stats.binomtest(min, b+c).pvalue` gives).
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let cdf = 0;
  for (let i = 0; i <= k; i++) cdf += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * cdf - (2 * k === n ? Math.exp(logChoose(n, k) - n * Math.LN2) : 0));
}

export interface WilcoxonResult {
  /** min(W+, W−), as scipy reports for the two-sided test. */
  statistic: number;
  p: number;
  /** Non-zero differences used. */
  n: number;
  method: 'exact' | 'approx';
}

/**
 * Wilcoxon signed-rank test on paired differences, two-sided, zeros dropped ("wilcox"), as
 * `scipy.stats.wilcoxon(d)` 1.10 with its defaults: the exact distribution of the (mid-rank)
 * statistic for n ≤ 50 when no difference is zero, otherwise the normal approximation with the
 * tie correction and no continuity correction.
 */
export function wilcoxon(diffs: readonly number[]): WilcoxonResult {
  const d = diffs.filter((x) => x !== 0);
  const hadZeros = d.length < diffs.length;
  const n = d.length;
  if (n === 0) return { statistic: 0, p: 1, n: 0, method: 'exact' };
  const order = d.map((x, i) => ({ a: Math.abs(x), i })).sort((x, y) => x.a - y.a);
  const ranks = new Array<number>(n).fill(0);
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1]?.a === order[i]?.a) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]?.i ?? 0] = rank;
    const t = j - i + 1;
    if (t > 1) tieTerm += t ** 3 - t;
    i = j + 1;
  }
  let rPlus = 0;
  let rMinus = 0;
  d.forEach((x, i) => {
    if (x > 0) rPlus += ranks[i] ?? 0;
    else rMinus += ranks[i] ?? 0;
  });
  const statistic = Math.min(rPlus, rMinus);
  if (n <= 50 && !hadZeros) {
    // counts[s] = number of sign assignments with W+ = s
    const max = (n * (n + 1)) / 2;
    let counts = new Float64Array(max + 1);
    counts[0] = 1;
    for (let r = 1; r <= n; r++) {
      const next = new Float64Array(max + 1);
      for (let s = 0; s <= max; s++) {
        const c = counts[s] ?? 0;
        if (c === 0) continue;
        next[s] = (next[s] ?? 0) + c;
        next[s + r] = (next[s + r] ?? 0) + c;
      }
      counts = next;
    }
    const totalCount = 2 ** n;
    let cdf = 0;
    for (let s = 0; s <= Math.floor(statistic); s++) cdf += counts[s] ?? 0;
    return { statistic, p: Math.min(1, (2 * cdf) / totalCount), n, method: 'exact' };
  }
  const mean = (n * (n + 1)) / 4;
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  const z = se > 0 ? (statistic - mean) / se : 0;
  return { statistic, p: Math.min(1, 2 * normalSf(Math.abs(z))), n, method: 'approx' };
}

/** Percentile interval of the mean of paired differences over `resamples` bootstrap resamples. */
export function bootstrapMeanCi(diffs: readonly number[], options: { resamples?: number; level?: number; seed?: number } = {}): [number, number] {
  const n = diffs.length;
  if (n === 0) return [0, 0];
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const rand = mulberry32(options.seed ?? 20240601);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diffs[Math.floor(rand() * n)] ?? 0;
    means[r] = s / n;
  }
  means.sort();
  const lo = means[Math.floor(((1 - level) / 2) * resamples)] ?? 0;
  const hi = means[Math.min(resamples - 1, Math.ceil((1 - (1 - level) / 2) * resamples) - 1)] ?? 0;
  return [lo, hi];
}
