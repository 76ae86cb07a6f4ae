// Text-overlap metrics defined as the reference implementations define them, so a score here
// means what it means in a paper: BLEU and chrF as sacreBLEU 2.x computes them (13a tokenizer,
// default smoothing), ROUGE-N and ROUGE-L F-measure as Google's rouge-score (no stemmer).

/** Edit distance (insertions, deletions, substitutions) between two strings, by code point. */
export function levenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/** sacreBLEU's `13a` tokenizer (mteval-v13a): punctuation split off, digits' separators kept. */
export function tokenize13a(text: string): string[] {
  let line = text.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  line = ` ${line} `;
  line = line.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
  line = line.replace(/([^0-9])([.,])/g, '$1 $2 ');
  line = line.replace(/([.,])([^0-9])/g, ' $1 $2');
  line = line.replace(/([0-9])(-)/g, '$1 $2 ');
  return line.split(/\s+/).filter(Boolean);
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

export type BleuSmoothing = 'none' | 'floor' | 'add-k' | 'exp';

export interface BleuOptions {
  smooth?: BleuSmoothing;
  /** For floor (default 0.1) and add-k (default 1). */
  smoothValue?: number;
  /** Drop orders beyond the longest one the hypothesis has (sacreBLEU's sentence default). */
  effectiveOrder?: boolean;
  lowercase?: boolean;
}

/** Sufficient statistics of one segment: [sysLen, refLen, correct1..4, total1..4]. */
function bleuStats(hyp: string, refs: readonly string[], lowercase: boolean): number[] {
  const prep = (s: string) => tokenize13a(lowercase ? s.toLowerCase() : s);
  const h = prep(hyp);
  const rs = refs.map(prep);
  let refLen = -1;
  let best = -1;
  for (const r of rs) {
    const diff = Math.abs(h.length - r.length);
    if (best === -1 || diff < best || (diff === best && r.length < refLen)) {
      best = diff;
      refLen = r.length;
    }
  }
  const correct: number[] = [];
  const total: number[] = [];
  for (let n = 1; n <= 4; n++) {
    const hc = ngramCounts(h, n);
    const maxRef = new Map<string, number>();
    for (const r of rs) for (const [k, c] of ngramCounts(r, n)) maxRef.set(k, Math.max(maxRef.get(k) ?? 0, c));
    let match = 0;
    for (const [k, c] of hc) match += Math.min(c, maxRef.get(k) ?? 0);
    correct.push(match);
    total.push(Math.max(0, h.length - n + 1));
  }
  return [h.length, Math.max(refLen, 0), ...correct, ...total];
}

function bleuFromStats(stats: readonly number[], o: BleuOptions): number {
  const [sysLen = 0, refLen = 0] = stats;
  const correct = stats.slice(2, 6);
  const total = stats.slice(6, 10);
  const smooth = o.smooth ?? 'exp';
  const value = o.smoothValue ?? (smooth === 'floor' ? 0.1 : 1);
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  if (!correct.some((c) => c > 0)) return 0;
  const precisions = [0, 0, 0, 0];
  let smoothMteval = 1;
  let effOrder = 4;
  for (let n = 1; n <= 4; n++) {
    let c = correct[n - 1] ?? 0;
    let t = total[n - 1] ?? 0;
    if (smooth === 'add-k' && n > 1) {
      c += value;
      t += value;
    }
    if (t === 0) break;
    if (o.effectiveOrder) effOrder = n;
    if (c === 0) {
      if (smooth === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * t);
      } else if (smooth === 'floor') precisions[n - 1] = (100 * value) / t;
    } else precisions[n - 1] = (100 * c) / t;
  }
  const logs = precisions.slice(0, effOrder).map((p) => (p === 0 ? -9999999999 : Math.log(p)));
  return bp * Math.exp(logs.reduce((a, b) => a + b, 0) / effOrder);
}

/** Corpus BLEU (0–100) of hypotheses against one or more reference streams, like `sacrebleu.corpus_bleu`. */
export function corpusBleu(hyps: readonly string[], refStreams: readonly (readonly string[])[], options: BleuOptions = {}): number {
  const sum = new Array<number>(10).fill(0);
  hyps.forEach((h, i) => {
    const stats = bleuStats(
      h,
      refStreams.map((s) => s[i] ?? ''),
      options.lowercase ?? false,
    );
    stats.forEach((v, j) => {
      sum[j] = (sum[j] ?? 0) + v;
    });
  });
  return bleuFromStats(sum, options);
}

/** Sentence BLEU (0–100), like `sacrebleu.sentence_bleu`: exp smoothing and effective order by default. */
export function sentenceBleu(hyp: string, refs: readonly string[], options: BleuOptions = {}): number {
  return bleuFromStats(bleuStats(hyp, refs, options.lowercase ?? false), { effectiveOrder: true, ...options });
}

/** chrF (0–100) as sacreBLEU's `CHRF()` default: character 6-grams, β = 2, whitespace dropped; corpus statistics summed. */
export function chrf(hyps: readonly string[], refs: readonly string[], options: { order?: number; beta?: number } = {}): number {
  const order = options.order ?? 6;
  const factor = (options.beta ?? 2) ** 2;
  const stats = new Array<number>(order * 3).fill(0);
  hyps.forEach((hyp, i) => {
    const h = hyp.split(/\s+/).join('');
    const r = (refs[i] ?? '').split(/\s+/).join('');
    for (let n = 1; n <= order; n++) {
      const hc = charNgrams(h, n);
      const rc = charNgrams(r, n);
      let match = 0;
      for (const [k, c] of hc) match += Math.min(c, rc.get(k) ?? 0);
      const base = (n - 1) * 3;
      stats[base] = (stats[base] ?? 0) + Math.max(0, [...h].length - n + 1);
      stats[base + 1] = (stats[base + 1] ?? 0) + Math.max(0, [...r].length - n + 1);
      stats[base + 2] = (stats[base + 2] ?? 0) + match;
    }
  });
  let avgP = 0;
  let avgR = 0;
  let eff = 0;
  for (let n = 0; n < order; n++) {
    const [nh = 0, nr = 0, nm = 0] = stats.slice(n * 3, n * 3 + 3);
    if (nh > 0 && nr > 0) {
      avgP += nm / nh;
      avgR += nm / nr;
      eff++;
    }
  }
  if (eff === 0) return 0;
  avgP /= eff;
  avgR /= eff;
  return avgP + avgR ? (100 * (1 + factor) * avgP * avgR) / (factor * avgP + avgR) : 0;
}

function charNgrams(s: string, n: number): Map<string, number> {
  const chars = [...s];
  const m = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const k = chars.slice(i, i + n).join('');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** rouge-score's default tokenizer: lowercase, non-alphanumerics to spaces, no stemming. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((t) => /^[a-z0-9]+$/.test(t));
}

export interface Prf {
  precision: number;
  recall: number;
  fmeasure: number;
}

function prf(overlap: number, predCount: number, targetCount: number): Prf {
  const precision = overlap / Math.max(predCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** ROUGE-N of a prediction against a target (rouge-score's `rougeN`). */
export function rougeN(target: string, prediction: string, n: number): Prf {
  const t = ngramCounts(rougeTokens(target), n);
  const p = ngramCounts(rougeTokens(prediction), n);
  let overlap = 0;
  for (const [k, c] of t) overlap += Math.min(c, p.get(k) ?? 0);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return prf(overlap, sum(p), sum(t));
}

/** ROUGE-L (longest common subsequence) of a prediction against a target (rouge-score's `rougeL`). */
export function rougeL(target: string, prediction: string): Prf {
  const t = rougeTokens(target);
  const p = rougeTokens(prediction);
  if (t.length === 0 || p.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  let prev = new Array<number>(p.length + 1).fill(0);
  for (let i = 1; i <= t.length; i++) {
    const cur = new Array<number>(p.length + 1).fill(0);
    for (let j = 1; j <= p.length; j++) cur[j] = t[i - 1] === p[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    prev = cur;
  }
  const lcs = prev[p.length] ?? 0;
  const precision = lcs / p.length;
  const recall = lcs / t.length;
  return { precision, recall, fmeasure: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Cosine similarity of two vectors. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
