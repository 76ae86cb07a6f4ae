import { classifierDriftTest, mmdTest } from '../stats/permutation.js';
import { chiSquareTest, holm, ksTest, psi, psiCounts } from '../stats/tests.js';
import { countBy, type LoggedExchange, languageOf, refusalDetector } from './features.js';

export type Severity = 'none' | 'minor' | 'moderate' | 'major';

/** One drift test on one feature, with the evidence a person needs to judge it. */
export interface DriftTest {
  name: string;
  side: 'input' | 'output';
  test: 'ks' | 'chi-square' | 'classifier' | 'mmd';
  status: 'ok' | 'drift' | 'insufficient';
  statistic?: number;
  pValue?: number;
  /** Holm-adjusted over every test that ran in this check. */
  adjustedP?: number;
  /** PSI for numbers and categories; ROC AUC for the classifier; rates for refusals. */
  effect?: { psi?: number; auc?: number; aucThreshold?: number; referenceRate?: number; currentRate?: number };
  severity: Severity;
  /** Medians (numbers) or shares (categories), reference then current. */
  reference?: Record<string, number>;
  current?: Record<string, number>;
  note?: string;
}

export interface DriftOptions {
  /** Family-wise error rate over all the tests of one check (default 0.01). */
  alpha?: number;
  /** Fewer samples than this on either side: "sample too small", no verdict (default 50). */
  minSamples?: number;
  /** Upper bound on label shuffles per permutation test (default 2000). */
  permutations?: number;
  refusalPatterns?: readonly string[];
  /** Embeds texts for the MMD test; without it, no embedding drift is checked. */
  embed?: (texts: string[]) => Promise<number[][]>;
  /** At most this many exchanges per side are compared (default 1000, evenly thinned): beyond it tests only get slower. */
  maxSamples?: number;
  /** At most this many texts per side are embedded (default 300): the kernel is quadratic. */
  maxEmbedded?: number;
  seed?: number;
}

export interface DriftReport {
  referenceSize: number;
  currentSize: number;
  alpha: number;
  tests: DriftTest[];
  elapsedMs: number;
}

function severityFromPsi(v: number): Severity {
  return v >= 0.25 ? 'major' : v >= 0.1 ? 'moderate' : 'minor';
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor((s.length - 1) / 2)] as number);
}

function shares(counts: Record<string, number>): Record<string, number> {
  const n = Object.values(counts).reduce((s, x) => s + x, 0) || 1;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round((v / n) * 1000) / 1000]));
}

/**
 * Compares sampled exchanges of the current window with a reference: lengths and token counts
 * (KS, PSI), language/script mix and refusal rate (χ², PSI), the texts themselves (TF-IDF domain
 * classifier with a permutation threshold) and, with an embedder, their embeddings (MMD). Every
 * p-value is Holm-adjusted over the tests that ran, so the whole check false-alarms at `alpha`.
 */
export async function checkDrift(allReference: readonly LoggedExchange[], allCurrent: readonly LoggedExchange[], o: DriftOptions = {}): Promise<DriftReport> {
  const started = performance.now();
  const reference = thin(allReference, o.maxSamples ?? 1000);
  const current = thin(allCurrent, o.maxSamples ?? 1000);
  const alpha = o.alpha ?? 0.01;
  const minSamples = o.minSamples ?? 50;
  const tests: DriftTest[] = [];
  const tooSmall = (name: string, side: DriftTest['side'], test: DriftTest['test'], a: number, b: number): DriftTest | undefined =>
    a < minSamples || b < minSamples
      ? {
          name,
          side,
          test,
          status: 'insufficient',
          severity: 'none',
          note: `sample too small: ${a} reference and ${b} current, ${minSamples} needed on each side`,
        }
      : undefined;

  const numeric = (name: string, side: DriftTest['side'], pick: (e: LoggedExchange) => number | undefined) => {
    const a = reference.flatMap((e) => finite(pick(e)));
    const b = current.flatMap((e) => finite(pick(e)));
    if (a.length === 0 && b.length === 0) return;
    const small = tooSmall(name, side, 'ks', a.length, b.length);
    if (small) return void tests.push(small);
    const r = ksTest(a, b);
    const p = psi(a, b);
    tests.push({
      name,
      side,
      test: 'ks',
      status: 'ok',
      statistic: r.statistic,
      pValue: r.pValue,
      effect: { psi: p },
      severity: severityFromPsi(p),
      reference: { median: median(a), n: a.length },
      current: { median: median(b), n: b.length },
    });
  };
  numeric('prompt length (chars)', 'input', (e) => e.promptChars ?? e.prompt?.length);
  numeric('input tokens', 'input', (e) => e.inputTokens);
  numeric('output length (chars)', 'output', (e) => e.outputChars ?? e.output?.length);
  numeric('output tokens', 'output', (e) => e.outputTokens);

  const categorical = (name: string, side: DriftTest['side'], a: Record<string, number>, b: Record<string, number>, rate?: string) => {
    const na = Object.values(a).reduce((s, x) => s + x, 0);
    const nb = Object.values(b).reduce((s, x) => s + x, 0);
    const small = tooSmall(name, side, 'chi-square', na, nb);
    if (small) return void tests.push(small);
    const r = chiSquareTest(a, b);
    const p = psiCounts(a, b);
    if (!r) {
      tests.push({
        name,
        side,
        test: 'chi-square',
        status: 'ok',
        severity: 'none',
        effect: { psi: p },
        reference: shares(a),
        current: shares(b),
        note: 'one category on both sides',
      });
      return;
    }
    const effect: DriftTest['effect'] = { psi: p };
    let severity = severityFromPsi(p);
    if (rate !== undefined) {
      const ra = (a[rate] ?? 0) / na;
      const rb = (b[rate] ?? 0) / nb;
      effect.referenceRate = ra;
      effect.currentRate = rb;
      // A refusal rate is judged in points: 5 more in 100 answers refused is an incident whatever the PSI says.
      const diff = Math.abs(rb - ra);
      severity = diff >= 0.05 ? 'major' : diff >= 0.02 ? 'moderate' : 'minor';
    }
    tests.push({
      name,
      side,
      test: 'chi-square',
      status: 'ok',
      statistic: r.statistic,
      pValue: r.pValue,
      effect,
      severity,
      reference: shares(a),
      current: shares(b),
      ...(r.merged.length ? { note: `pooled (expected count under 5): ${r.merged.join(', ')}` } : {}),
    });
  };
  const promptsA = reference.filter((e) => e.prompt !== undefined);
  const promptsB = current.filter((e) => e.prompt !== undefined);
  const outputsA = reference.filter((e) => e.output !== undefined);
  const outputsB = current.filter((e) => e.output !== undefined);
  if (promptsA.length + promptsB.length > 0)
    categorical(
      'prompt language/script',
      'input',
      countBy(promptsA, (e) => languageOf(e.prompt)),
      countBy(promptsB, (e) => languageOf(e.prompt)),
    );
  if (outputsA.length + outputsB.length > 0) {
    categorical(
      'output language/script',
      'output',
      countBy(outputsA, (e) => languageOf(e.output)),
      countBy(outputsB, (e) => languageOf(e.output)),
    );
    const refused = refusalDetector(o.refusalPatterns);
    const flag = (e: LoggedExchange) => (refused(e.output) ? 'refused' : 'answered');
    categorical('refusal rate', 'output', countBy(outputsA, flag), countBy(outputsB, flag), 'refused');
  }

  const text = (name: string, side: DriftTest['side'], a: string[], b: string[], seed: number) => {
    if (a.length + b.length === 0) return;
    const small = tooSmall(name, side, 'classifier', a.length, b.length);
    if (small) return void tests.push(small);
    // Enough shuffles that a clear drift can pass Holm's strictest step (alpha / tests), and no more.
    const expected = tests.filter((t) => t.status !== 'insufficient').length + 2 + (o.embed ? 2 : 0);
    const needed = Math.ceil((1.2 * expected) / alpha);
    const r = classifierDriftTest(a, b, { alpha, seed, maxPermutations: Math.min(o.permutations ?? 2000, Math.max(needed, 199)) });
    tests.push({
      name,
      side,
      test: 'classifier',
      status: 'ok',
      statistic: r.statistic,
      pValue: r.pValue,
      effect: { auc: r.statistic, aucThreshold: r.threshold },
      severity: r.statistic >= 0.75 ? 'major' : r.statistic >= 0.6 ? 'moderate' : 'minor',
      note: `${r.permutations} permutations`,
    });
  };
  const seed = o.seed ?? 1;
  text(
    'prompt text (TF-IDF classifier)',
    'input',
    promptsA.map((e) => e.prompt as string),
    promptsB.map((e) => e.prompt as string),
    seed,
  );
  text(
    'output text (TF-IDF classifier)',
    'output',
    outputsA.map((e) => e.output as string),
    outputsB.map((e) => e.output as string),
    seed + 1,
  );

  if (o.embed) {
    const cap = o.maxEmbedded ?? 300;
    for (const [name, side, a, b] of [
      ['prompt embeddings (MMD)', 'input', promptsA.map((e) => e.prompt as string), promptsB.map((e) => e.prompt as string)],
      ['output embeddings (MMD)', 'output', outputsA.map((e) => e.output as string), outputsB.map((e) => e.output as string)],
    ] as const) {
      if (a.length + b.length === 0) continue;
      const small = tooSmall(name, side, 'mmd', a.length, b.length);
      if (small) {
        tests.push(small);
        continue;
      }
      const ea = await o.embed(a.slice(-cap));
      const eb = await o.embed(b.slice(-cap));
      const r = mmdTest(ea, eb, { alpha, seed, maxPermutations: Math.min(o.permutations ?? 2000, 1000) });
      tests.push({
        name,
        side,
        test: 'mmd',
        status: 'ok',
        statistic: r.statistic,
        pValue: r.pValue,
        severity: 'moderate',
        note: `${r.permutations} permutations`,
      });
    }
  }

  const ran = tests.filter((t) => t.pValue !== undefined);
  const adjusted = holm(ran.map((t) => t.pValue as number));
  ran.forEach((t, i) => {
    t.adjustedP = adjusted[i] as number;
    if ((adjusted[i] as number) <= alpha) t.status = 'drift';
    else t.severity = 'none';
  });
  return { referenceSize: reference.length, currentSize: current.length, alpha, tests, elapsedMs: performance.now() - started };
}

/** Every k-th item, so a long log keeps its spread over time instead of only its newest part. */
function thin<T>(xs: readonly T[], max: number): readonly T[] {
  if (xs.length <= max) return xs;
  const step = xs.length / max;
  return Array.from({ length: max }, (_, i) => xs[Math.floor(i * step)] as T);
}

function finite(v: number | undefined): number[] {
  return v === undefined || !Number.isFinite(v) ? [] : [v];
}
