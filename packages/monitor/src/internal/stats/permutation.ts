import { mulberry32 } from '@slipway/stats';
import { rocAuc } from './tests.js';

// Text and embedding drift as two-sample tests whose null distribution comes from shuffling the
// labels: the threshold is calibrated on the very samples being compared, so it holds at 50 rows
// as at 50,000, where a fixed "ROC AUC above 0.55" line does not.

export interface PermutationOutcome {
  statistic: number;
  pValue: number;
  /** The (1 − alpha) quantile of the statistic under the null: what "drift" means for these sizes. */
  threshold: number;
  permutations: number;
}

export interface PermutationOptions {
  /** At most this many label shuffles (default 2000). */
  maxPermutations?: number;
  /** Stop once the shuffled statistic reached the observed one this often (Besag–Clifford; default 20). */
  stopAfterHits?: number;
  alpha?: number;
  seed?: number;
}

function shuffle(labels: Uint8Array, rand: () => number): void {
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = labels[i] as number;
    labels[i] = labels[j] as number;
    labels[j] = t;
  }
}

function permutationTest(n0: number, n1: number, statistic: (labels: Uint8Array) => number, o: PermutationOptions): PermutationOutcome {
  const labels = new Uint8Array(n0 + n1);
  labels.fill(1, n0);
  const observed = statistic(labels);
  const rand = mulberry32(o.seed ?? 1);
  const max = o.maxPermutations ?? 2000;
  const stopAfter = o.stopAfterHits ?? 20;
  const nulls: number[] = [];
  let hits = 0;
  while (nulls.length < max && hits < stopAfter) {
    shuffle(labels, rand);
    const s = statistic(labels);
    nulls.push(s);
    if (s >= observed - 1e-12) hits++;
  }
  nulls.sort((a, b) => a - b);
  const alpha = o.alpha ?? 0.01;
  const threshold = nulls[Math.min(nulls.length - 1, Math.floor((1 - alpha) * nulls.length))] ?? observed;
  return { statistic: observed, pValue: (hits + 1) / (nulls.length + 1), threshold, permutations: nulls.length };
}

/**
 * A permutation test on two statistics at once, each standardised by a pilot of shuffles: the test
 * statistic is the larger z, so one test is as strong as the better of the two for the shift at
 * hand, with no multiplicity to pay. The pilot shuffles only define the standardisation; hits are
 * counted on the shuffles after it. `statistic` in the outcome is the first one (for display).
 */
function pairedPermutationTest(n0: number, n1: number, statistics: (labels: Uint8Array) => [number, number], o: PermutationOptions): PermutationOutcome {
  const labels = new Uint8Array(n0 + n1);
  labels.fill(1, n0);
  const [a0, b0] = statistics(labels);
  const rand = mulberry32(o.seed ?? 1);
  const pilot = 100;
  const firsts: number[] = [];
  const seconds: number[] = [];
  for (let i = 0; i < pilot; i++) {
    shuffle(labels, rand);
    const [a, b] = statistics(labels);
    firsts.push(a);
    seconds.push(b);
  }
  const moments = (xs: number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) || 1e-9;
    return { m, sd };
  };
  const ma = moments(firsts);
  const mb = moments(seconds);
  const combined = (a: number, b: number) => Math.max((a - ma.m) / ma.sd, (b - mb.m) / mb.sd);
  const observed = combined(a0, b0);
  const max = Math.max(o.maxPermutations ?? 2000, pilot + 99);
  const stopAfter = o.stopAfterHits ?? 20;
  let hits = 0;
  let counted = 0;
  while (pilot + counted < max && hits < stopAfter) {
    shuffle(labels, rand);
    const [a, b] = statistics(labels);
    firsts.push(a);
    counted++;
    if (combined(a, b) >= observed - 1e-12) hits++;
  }
  firsts.sort((x, y) => x - y);
  const alpha = o.alpha ?? 0.01;
  const threshold = firsts[Math.min(firsts.length - 1, Math.floor((1 - alpha) * firsts.length))] ?? a0;
  return { statistic: a0, pValue: (hits + 1) / (counted + 1), threshold, permutations: pilot + counted };
}

/** Share of label-1 items among the top `share` of scores: catches a shift confined to a few documents. */
function topShare(scores: ArrayLike<number>, labels: ArrayLike<number>, share = 0.1): number {
  const n = scores.length;
  const k = Math.max(1, Math.round(n * share));
  const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => (scores[y] as number) - (scores[x] as number));
  let ones = 0;
  for (let i = 0; i < k; i++) if (labels[idx[i] as number] === 1) ones++;
  return ones / k;
}

/** Lower-cased word tokens; runs of CJK characters become character bigrams (they have no spaces). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(w) && w.length > 2) {
      for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(i, i + 2));
    } else out.push(w);
  }
  return out;
}

interface SparseDocs {
  /** Start of each document's entries in `terms` / `weights`. */
  offsets: Uint32Array;
  terms: Uint32Array;
  weights: Float64Array;
  vocabulary: number;
}

/** TF-IDF (sublinear tf, smoothed idf, L2-normalised) over both samples; terms in fewer than two documents are dropped. */
function tfidf(texts: readonly string[]): SparseDocs {
  const tokenized = texts.map(tokenize);
  const df = new Map<string, number>();
  for (const doc of tokenized) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [t, c] of df) if (c >= 2) index.set(t, index.size);
  const idf = new Float64Array(index.size);
  for (const [t, i] of index) idf[i] = Math.log((1 + texts.length) / (1 + (df.get(t) ?? 0))) + 1;
  const offsets = new Uint32Array(texts.length + 1);
  const terms: number[] = [];
  const weights: number[] = [];
  tokenized.forEach((doc, d) => {
    const tf = new Map<number, number>();
    for (const t of doc) {
      const i = index.get(t);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    let norm = 0;
    const start = terms.length;
    for (const [i, c] of tf) {
      const w = (1 + Math.log(c)) * (idf[i] as number);
      terms.push(i);
      weights.push(w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = start; k < weights.length; k++) weights[k] = (weights[k] as number) / norm;
    offsets[d + 1] = terms.length;
  });
  return { offsets, terms: Uint32Array.from(terms), weights: Float64Array.from(weights), vocabulary: index.size };
}

/**
 * Domain-classifier drift test for text: can a classifier tell the current texts from the
 * reference ones? A naive-Bayes-style linear model on TF-IDF, scored out of fold (k-fold), gives a
 * ROC AUC (0.5: indistinguishable) and the share of current texts among the top-scored tenth (a
 * new topic in a tenth of the traffic barely moves the AUC but fills the top). The p-value comes
 * from the larger standardised of the two, the AUC threshold from the same procedure on shuffled labels.
 */
export function classifierDriftTest(
  reference: readonly string[],
  current: readonly string[],
  o: PermutationOptions & { folds?: number } = {},
): PermutationOutcome {
  const docs = tfidf([...reference, ...current]);
  const n = reference.length + current.length;
  const k = o.folds ?? 5;
  const v = docs.vocabulary;
  const fold = Uint8Array.from({ length: n }, (_, i) => i % k);
  // Per fold and class: summed TF-IDF mass per term, and the total mass.
  const sums = Array.from({ length: k * 2 }, () => new Float64Array(v));
  const mass = new Float64Array(k * 2);
  const scores = new Float64Array(n);
  const weight = new Float64Array(v);
  const tot0 = new Float64Array(v);
  const tot1 = new Float64Array(v);
  const smoothing = 0.1;
  const auc = (labels: Uint8Array): [number, number] => {
    for (const s of sums) s.fill(0);
    mass.fill(0);
    for (let d = 0; d < n; d++) {
      const slot = (fold[d] as number) * 2 + (labels[d] as number);
      const s = sums[slot] as Float64Array;
      for (let e = docs.offsets[d] as number; e < (docs.offsets[d + 1] as number); e++) {
        const w = docs.weights[e] as number;
        const term = docs.terms[e] as number;
        s[term] = (s[term] as number) + w;
        mass[slot] = (mass[slot] as number) + w;
      }
    }
    let total0 = 0;
    let total1 = 0;
    for (let f = 0; f < k; f++) {
      total0 += mass[f * 2] as number;
      total1 += mass[f * 2 + 1] as number;
    }
    tot0.fill(0);
    tot1.fill(0);
    for (let f = 0; f < k; f++) {
      const s0 = sums[f * 2] as Float64Array;
      const s1 = sums[f * 2 + 1] as Float64Array;
      for (let t = 0; t < v; t++) {
        tot0[t] = (tot0[t] as number) + (s0[t] as number);
        tot1[t] = (tot1[t] as number) + (s1[t] as number);
      }
    }
    for (let f = 0; f < k; f++) {
      const m0 = total0 - (mass[f * 2] as number) + smoothing * v;
      const m1 = total1 - (mass[f * 2 + 1] as number) + smoothing * v;
      const s0 = sums[f * 2] as Float64Array;
      const s1 = sums[f * 2 + 1] as Float64Array;
      // Trained on every fold but this one: the totals minus this fold's sums.
      for (let t = 0; t < v; t++) {
        const c0 = smoothing + (tot0[t] as number) - (s0[t] as number);
        const c1 = smoothing + (tot1[t] as number) - (s1[t] as number);
        weight[t] = Math.log(c1 / m1) - Math.log(c0 / m0);
      }
      for (let d = f; d < n; d += k) {
        let s = 0;
        for (let e = docs.offsets[d] as number; e < (docs.offsets[d + 1] as number); e++)
          s += (docs.weights[e] as number) * (weight[docs.terms[e] as number] as number);
        scores[d] = s;
      }
    }
    return [rocAuc(scores, labels), topShare(scores, labels)];
  };
  return pairedPermutationTest(reference.length, current.length, auc, o);
}

/**
 * Maximum mean discrepancy between two sets of embeddings, with a Gaussian kernel whose width is
 * the median pairwise distance, and its permutation p-value. The kernel matrix is computed once;
 * each shuffle only re-sums it.
 */
export function mmdTest(reference: readonly number[][], current: readonly number[][], o: PermutationOptions = {}): PermutationOutcome {
  const all = [...reference, ...current];
  const n = all.length;
  const d2 = new Float64Array(n * n);
  const sample: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = all[i] as number[];
    for (let j = i + 1; j < n; j++) {
      const b = all[j] as number[];
      let s = 0;
      for (let t = 0; t < a.length; t++) s += ((a[t] as number) - (b[t] ?? 0)) ** 2;
      d2[i * n + j] = s;
      d2[j * n + i] = s;
      if ((i * n + j) % 7 === 0) sample.push(s);
    }
  }
  sample.sort((x, y) => x - y);
  const width = sample[Math.floor(sample.length / 2)] || 1;
  const kernel = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) kernel[i] = Math.exp(-(d2[i] as number) / width);
  const n0 = reference.length;
  const n1 = current.length;
  const statistic = (labels: Uint8Array): number => {
    let xx = 0;
    let yy = 0;
    let xy = 0;
    for (let i = 0; i < n; i++) {
      const li = labels[i];
      const row = i * n;
      for (let j = i + 1; j < n; j++) {
        const kv = kernel[row + j] as number;
        if (li !== labels[j]) xy += kv;
        else if (li === 0) xx += kv;
        else yy += kv;
      }
    }
    return (2 * xx) / (n0 * (n0 - 1)) + (2 * yy) / (n1 * (n1 - 1)) - (2 * xy) / (n0 * n1);
  };
  return permutationTest(n0, n1, statistic, { maxPermutations: 500, ...o });
}
