import { logGamma } from '@slipway/stats';

// Two-sample tests for drift. Each answers a statistic and a p-value; callers correct for multiple
// tests (holm.ts) and never read a p-value from a sample that was too small.

/** Two-sample Kolmogorov–Smirnov statistic D = sup |F_a − F_b|, ties handled as SciPy does. */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && (x[i] as number) <= v) i++;
    while (j < y.length && (y[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** P(K > t) for the Kolmogorov distribution (SciPy's `kstwobign.sf`). */
export function kolmogorovSf(t: number): number {
  if (t <= 0) return 1;
  if (t < 1) {
    // The series in exp(-π²/8t²) converges fast for small t, where the alternating one does not.
    const w = Math.exp((-Math.PI * Math.PI) / (8 * t * t));
    let s = 0;
    for (let k = 1; k < 20; k += 2) s += w ** (k * k);
    return 1 - (Math.sqrt(2 * Math.PI) / t) * s;
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * t * t);
    s += term;
    if (Math.abs(term) < 1e-16) break;
  }
  return Math.max(0, Math.min(1, 2 * s));
}

export interface TestOutcome {
  statistic: number;
  pValue: number;
}

/**
 * Two-sided two-sample KS test with the asymptotic distribution and Stephens' small-sample
 * correction (the effective n), accurate to a few thousandths against the exact test from n ≈ 50.
 */
export function ksTest(a: readonly number[], b: readonly number[]): TestOutcome {
  const d = ksStatistic(a, b);
  const en = (a.length * b.length) / (a.length + b.length);
  const s = Math.sqrt(en);
  return { statistic: d, pValue: kolmogorovSf((s + 0.12 + 0.11 / s) * d) };
}

/** Regularized upper incomplete gamma Q(s, x) (series below s + 1, continued fraction above). */
export function gammaQ(s: number, x: number): number {
  if (x <= 0) return 1;
  const lg = logGamma(s);
  if (x < s + 1) {
    let term = 1 / s;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (s + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + s * Math.log(x) - lg));
  }
  // Lentz's continued fraction.
  let b = x + 1 - s;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.exp(-x + s * Math.log(x) - lg) * h);
}

/** P(X > x) for X ~ χ²(df). */
export function chiSquareSf(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

export interface ChiSquareOutcome extends TestOutcome {
  df: number;
  /** Categories merged into "other" because their expected count was under 5. */
  merged: string[];
}

/**
 * Chi-square test of homogeneity of two count vectors over the same categories (no continuity
 * correction, as SciPy's `chi2_contingency(correction=False)`). Categories whose expected count is
 * under 5 in either row are pooled first, the textbook condition for the χ² approximation.
 * Returns undefined when fewer than two categories are left: nothing to compare.
 */
export function chiSquareTest(a: Record<string, number>, b: Record<string, number>): ChiSquareOutcome | undefined {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const na = keys.reduce((s, k) => s + (a[k] ?? 0), 0);
  const nb = keys.reduce((s, k) => s + (b[k] ?? 0), 0);
  const n = na + nb;
  if (na === 0 || nb === 0) return undefined;
  const kept: [number, number][] = [];
  const merged: string[] = [];
  let other: [number, number] = [0, 0];
  for (const k of keys) {
    const ca = a[k] ?? 0;
    const cb = b[k] ?? 0;
    const total = ca + cb;
    if ((total * na) / n < 5 || (total * nb) / n < 5) {
      merged.push(k);
      other = [other[0] + ca, other[1] + cb];
    } else kept.push([ca, cb]);
  }
  if (merged.length > 0) {
    const total = other[0] + other[1];
    if ((total * na) / n >= 5 && (total * nb) / n >= 5) kept.push(other);
    else if (kept.length > 0 && total > 0) {
      // Too small even pooled: fold it into the smallest kept category rather than drop data.
      const smallest = kept.reduce((m, c) => (c[0] + c[1] < m[0] + m[1] ? c : m));
      smallest[0] += other[0];
      smallest[1] += other[1];
    }
  }
  if (kept.length < 2) return undefined;
  let x2 = 0;
  for (const [ca, cb] of kept) {
    const total = ca + cb;
    const ea = (total * na) / n;
    const eb = (total * nb) / n;
    x2 += (ca - ea) ** 2 / ea + (cb - eb) ** 2 / eb;
  }
  const df = kept.length - 1;
  return { statistic: x2, pValue: chiSquareSf(x2, df), df, merged };
}

/**
 * Population stability index of `current` against `reference` over the reference's deciles (for
 * numbers) or the union of categories (for counts). Empty bins get half a count so the log stays
 * finite. Convention: < 0.1 stable, 0.1–0.25 moderate shift, ≥ 0.25 major shift.
 */
export function psi(reference: readonly number[], current: readonly number[], bins = 10): number {
  const sorted = Float64Array.from(reference).sort();
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const e = sorted[Math.floor((i * sorted.length) / bins)] as number;
    if (edges.length === 0 || e > (edges.at(-1) as number)) edges.push(e);
  }
  const count = (xs: readonly number[]) => {
    const c = new Array<number>(edges.length + 1).fill(0);
    for (const x of xs) {
      let k = 0;
      while (k < edges.length && x >= (edges[k] as number)) k++;
      c[k] = (c[k] as number) + 1;
    }
    return Object.fromEntries(c.map((v, i) => [String(i), v]));
  };
  return psiCounts(count(reference), count(current));
}

/** PSI between two count vectors over the same categories. */
export function psiCounts(reference: Record<string, number>, current: Record<string, number>): number {
  const keys = [...new Set([...Object.keys(reference), ...Object.keys(current)])];
  const nr = keys.reduce((s, k) => s + (reference[k] ?? 0), 0);
  const nc = keys.reduce((s, k) => s + (current[k] ?? 0), 0);
  if (nr === 0 || nc === 0) return 0;
  let total = 0;
  for (const k of keys) {
    const r = Math.max(reference[k] ?? 0, 0.5) / nr;
    const c = Math.max(current[k] ?? 0, 0.5) / nc;
    total += (c - r) * Math.log(c / r);
  }
  return total;
}

/**
 * Holm's step-down adjustment: adjusted p-values that control the family-wise error rate for any
 * dependence between the tests. Same order as the input.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

/** Area under the ROC curve of `scores` for `labels` (1 positive), ties counted half (Mann–Whitney). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => (scores[x] as number) - (scores[y] as number));
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1] as number] === scores[idx[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k] as number] === 1) {
        rankSumPos += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
