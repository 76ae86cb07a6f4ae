import { bootstrapMeanCi, mcnemarExact, wilcoxon } from '@slipway/eval';

// Reference values: SciPy 1.10.1 (Debian python3-scipy) on this machine,
//   scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue   (McNemar's exact test)
//   scipy.stats.wilcoxon(d)                               (defaults: two-sided, zero_method="wilcox")
// printed with json.dumps and pasted here unchanged.
const MCNEMAR: [number, number, number][] = [
  [0, 5, 0.0625],
  [1, 9, 0.021484375],
  [3, 3, 1.0],
  [10, 2, 0.03857421875],
  [7, 0, 0.015625],
  [20, 35, 0.05806414679240905],
  [120, 80, 0.005685155996750306],
  [1, 0, 1.0],
];

const approxLarge = Array.from({ length: 60 }, (_, i) => ((i * 37) % 23) / 10 - 0.9 + 0.013 * i);
const WILCOXON: [string, number[], number, number][] = [
  ['exact, small', [0.3, -0.1, 0.45, 0.2, 0.05, 0.6, -0.25, 0.15], 7.0, 0.1484375],
  ['exact, mostly negative', [-0.5, -0.3, -0.2, -0.45, 0.1, -0.6, -0.35, -0.15, -0.05, -0.25, -0.55, -0.4], 2.0, 0.00146484375],
  ['exact with ties (scipy 1.10 keeps exact)', [0.1, 0.1, -0.1, 0.2, 0.2, 0.2, -0.3, 0.4, 0.1, -0.2, 0.3, 0.3], 19.0, 0.12939453125],
  ['normal approximation, n = 60', approxLarge, 259.0, 1.3707470779587177e-6],
  ['zeros force the approximation', [0, 0, 0.2, -0.1, 0.3, 0, 0.4, 0.5, -0.2, 0.6], 3.5, 0.07540356287126336],
];

describe('McNemar exact test matches scipy binomtest', () => {
  test.each(MCNEMAR)('b=%i c=%i', (b, c, p) => {
    expect(Math.abs(mcnemarExact(b, c) - p)).toBeLessThan(1e-9);
    expect(mcnemarExact(c, b)).toBeCloseTo(p, 12);
  });
  test('no discordant pairs: p = 1', () => expect(mcnemarExact(0, 0)).toBe(1));
});

describe('Wilcoxon signed-rank matches scipy.stats.wilcoxon', () => {
  test.each(WILCOXON)('%s', (_name, d, statistic, p) => {
    const r = wilcoxon(d);
    expect(r.statistic).toBeCloseTo(statistic, 9);
    // the approximation uses a 1.2e-7-accurate erfc: compare relative error
    expect(Math.abs(r.p - p) / p).toBeLessThan(1e-6);
  });
  test('all differences zero: p = 1 (identical runs never trip the gate)', () => expect(wilcoxon([0, 0, 0]).p).toBe(1));
});

describe('paired bootstrap interval', () => {
  test('seeded: the same data gives the same interval, which contains the mean', () => {
    const d = [0.1, -0.2, 0.05, 0.3, -0.1, 0.2, 0, 0.15];
    const a = bootstrapMeanCi(d);
    expect(bootstrapMeanCi(d)).toEqual(a);
    const mean = d.reduce((x, y) => x + y, 0) / d.length;
    expect(a[0]).toBeLessThanOrEqual(mean);
    expect(a[1]).toBeGreaterThanOrEqual(mean);
    expect(a[1] - a[0]).toBeGreaterThan(0);
  });
  test('constant differences give a zero-width interval', () => expect(bootstrapMeanCi([0, 0, 0])).toEqual([0, 0]));
});
