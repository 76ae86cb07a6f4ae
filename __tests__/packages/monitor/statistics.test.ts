import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chiSquareSf,
  chiSquareTest,
  classifierDriftTest,
  ewma,
  holm,
  kolmogorovSf,
  ksStatistic,
  ksTest,
  mmdTest,
  psi,
  psiCounts,
  robustZ,
  rocAuc,
} from '@slipway/monitor';
import { mulberry32 } from '@slipway/stats';

// Reference values come from SciPy (Debian python3-scipy, /usr/bin/python3), computed during the
// run on the same fixed vectors, so they cannot drift from what SciPy says.
const PYTHON = '/usr/bin/python3';
const haveScipy = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;
if (!haveScipy && process.env.CI) throw new Error('python3-scipy is required in CI (.ci/run installs it)');
if (!haveScipy) console.warn('\n*** SKIPPED: SciPy reference checks for monitor: install python3-scipy ***\n');
const withScipy = haveScipy ? test : test.skip;

function scipy(code: string): number[] {
  const r = spawnSync(PYTHON, ['-W', 'ignore', '-c', `import json\nimport numpy as np\nfrom scipy import stats\n${code}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as number[];
}

const rand = mulberry32(42);
const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
const A = Array.from({ length: 300 }, () => Math.round(normal() * 40 + 200));
const B = Array.from({ length: 250 }, () => Math.round(normal() * 45 + 212));
const SMALL_A = [1.2, 3.4, 2.2, 5.1, 0.3, 2.2, 4.4, 3.3, 1.1, 2.9, 3.8, 2.2];
const SMALL_B = [2.5, 4.1, 3.3, 6.2, 2.2, 5.5, 4.4, 3.9, 5.0, 4.2];

describe('monitor statistics match SciPy', () => {
  withScipy('KS statistic (with ties) equals ks_2samp; the p-value is within 0.01 of its asymptotic one', () => {
    const ref = scipy(
      `a=${JSON.stringify(A)}\nb=${JSON.stringify(B)}\nsa=${JSON.stringify(SMALL_A)}\nsb=${JSON.stringify(SMALL_B)}\n` +
        `r1=stats.ks_2samp(a,b,method='asymp')\nr2=stats.ks_2samp(sa,sb,method='asymp')\nr3=stats.ks_2samp(a,b,method='exact')\n` +
        'print(json.dumps([r1.statistic,r1.pvalue,r2.statistic,r2.pvalue,r3.pvalue]))',
    );
    expect(ksStatistic(A, B)).toBeCloseTo(ref[0] as number, 12);
    expect(ksStatistic(SMALL_A, SMALL_B)).toBeCloseTo(ref[2] as number, 12);
    const big = ksTest(A, B).pValue;
    expect(Math.abs(big - (ref[1] as number))).toBeLessThan(0.01);
    expect(Math.abs(big - (ref[4] as number))).toBeLessThan(0.01);
    expect(Math.abs(ksTest(SMALL_A, SMALL_B).pValue - (ref[3] as number))).toBeLessThan(0.03);
  });

  withScipy('Kolmogorov tail equals kstwobign.sf', () => {
    const ts = [0.3, 0.5, 0.8, 1, 1.2, 1.36, 1.63, 2, 3];
    const ref = scipy(`print(json.dumps([stats.kstwobign.sf(t) for t in ${JSON.stringify(ts)}]))`);
    ts.forEach((t, i) => {
      expect(kolmogorovSf(t)).toBeCloseTo(ref[i] as number, 9);
    });
  });

  withScipy('chi-square tail and the test of homogeneity equal chi2.sf and chi2_contingency', () => {
    const xs = [
      [0.5, 1],
      [3.84, 1],
      [10, 3],
      [25.3, 7],
      [100, 40],
      [2, 12],
    ];
    const a = { en: 120, es: 30, fr: 22, de: 8 };
    const b = { en: 90, es: 55, fr: 18, de: 12 };
    const ref = scipy(
      `xs=${JSON.stringify(xs)}\nout=[stats.chi2.sf(x,d) for x,d in xs]\n` +
        `t=stats.chi2_contingency([[120,30,22,8],[90,55,18,12]], correction=False)\nout += [t[0], t[1], t[2]]\nprint(json.dumps(out))`,
    );
    xs.forEach(([x, d], i) => {
      expect(chiSquareSf(x as number, d as number)).toBeCloseTo(ref[i] as number, 10);
    });
    const r = chiSquareTest(a, b);
    expect(r?.statistic).toBeCloseTo(ref[6] as number, 9);
    expect(r?.pValue).toBeCloseTo(ref[7] as number, 10);
    expect(r?.df).toBe(ref[8]);
  });

  withScipy('ROC AUC equals the Mann-Whitney U share, ties counted half', () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.8, 0.2, 0.9, 0.5, 0.5, 0.3];
    const labels = [0, 0, 1, 1, 0, 0, 1, 1, 0, 1];
    const pos = scores.filter((_, i) => labels[i] === 1);
    const neg = scores.filter((_, i) => labels[i] === 0);
    const [u] = scipy(`print(json.dumps([stats.mannwhitneyu(${JSON.stringify(pos)}, ${JSON.stringify(neg)}).statistic]))`);
    expect(rocAuc(scores, labels)).toBeCloseTo((u as number) / (pos.length * neg.length), 12);
  });
});

describe('monitor statistics: properties', () => {
  test('Holm adjusts step-down and keeps the order', () => {
    expect(holm([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
  });

  test('chi-square pools categories with expected counts under 5, and says when nothing is left to compare', () => {
    const r = chiSquareTest({ en: 100, es: 50, ja: 1 }, { en: 100, es: 50, ja: 2 });
    expect(r?.merged).toEqual(['ja']);
    expect(chiSquareTest({ en: 10 }, { en: 12 })).toBeUndefined();
  });

  test('PSI follows the 0.1 / 0.25 convention on known shifts', () => {
    const r = mulberry32(3);
    const base = Array.from({ length: 2000 }, () => r());
    expect(
      psi(
        base,
        Array.from({ length: 2000 }, () => r()),
      ),
    ).toBeLessThan(0.02);
    expect(
      psi(
        base,
        Array.from({ length: 2000 }, () => r() * 1.6),
      ),
    ).toBeGreaterThan(0.25);
    expect(psiCounts({ a: 50, b: 50 }, { a: 50, b: 50 })).toBe(0);
  });

  test('robust z and EWMA flag a jump, not a flat line with a wobble', () => {
    const flat = [100, 101, 99, 100, 102, 100, 98, 100];
    expect(robustZ(flat, 103).anomalous).toBe(false);
    expect(robustZ(flat, 180).anomalous).toBe(true);
    expect(ewma(flat, 103).anomalous).toBe(false);
    expect(ewma(flat, 400).anomalous).toBe(true);
    // A baseline of zeros (no errors) with a floor: 0.5% is noise, 30% is an incident.
    expect(robustZ([0, 0, 0, 0, 0], 0.005, 4, 0.01).anomalous).toBe(false);
    expect(robustZ([0, 0, 0, 0, 0], 0.3, 4, 0.01).anomalous).toBe(true);
  });

  test('the text classifier is calibrated by permutation: same topics pass, a new topic does not', () => {
    const r = mulberry32(9);
    const topics = [
      ['where', 'is', 'my', 'order', 'parcel', 'delivery', 'tracking', 'shipped'],
      ['refund', 'return', 'money', 'back', 'broken', 'item', 'policy', 'days'],
    ];
    const sentence = (words: string[]) => Array.from({ length: 8 }, () => words[Math.floor(r() * words.length)]).join(' ');
    const mix = (share: number, other: string[]) =>
      Array.from({ length: 200 }, () => sentence(r() < share ? other : (topics[Math.floor(r() * 2)] as string[])));
    const same = classifierDriftTest(mix(0, []), mix(0, []), { seed: 1 });
    expect(same.pValue).toBeGreaterThan(0.01);
    expect(same.statistic).toBeLessThan(same.threshold + 0.05);
    const crypto = ['bitcoin', 'wallet', 'crypto', 'pay', 'coins', 'exchange', 'address', 'fees'];
    const shifted = classifierDriftTest(mix(0, []), mix(0.3, crypto), { seed: 1 });
    expect(shifted.pValue).toBeLessThan(0.005);
    expect(shifted.statistic).toBeGreaterThan(shifted.threshold);
    // A new topic in a tenth of the texts barely moves the AUC, but fills the top-scored tenth.
    const rare = classifierDriftTest(mix(0, []), mix(0.1, crypto), { seed: 1 });
    expect(rare.pValue).toBeLessThan(0.005);
  });

  test('MMD tells shifted embeddings apart and not identical ones', () => {
    const r = mulberry32(5);
    const cloud = (shift: number) => Array.from({ length: 60 }, () => [normal() + shift, normal(), r()]);
    expect(mmdTest(cloud(0), cloud(0), { seed: 2, maxPermutations: 200 }).pValue).toBeGreaterThan(0.01);
    expect(mmdTest(cloud(0), cloud(1.2), { seed: 2, maxPermutations: 200 }).pValue).toBeLessThan(0.01);
  });
});
