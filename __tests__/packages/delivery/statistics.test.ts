import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AlphaSpender, mannWhitneyTest, normalQuantile, normalSf, spentAlpha, twoProportionTest, wilcoxonSignedRankTest } from '@slipway/delivery';
import { mulberry32 as rng } from '@slipway/stats';

// Reference values come from SciPy (Debian python3-scipy, /usr/bin/python3), computed in the test
// run itself so they cannot drift from what SciPy says. Python on PATH may be another build without
// SciPy, so the Debian interpreter is named.
const PYTHON = '/usr/bin/python3';
const haveScipy = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;
if (!haveScipy && process.env.CI) throw new Error('python3-scipy is required in CI (.ci/run installs it)');
if (!haveScipy) console.warn('\n*** SKIPPED: SciPy reference checks: install python3-scipy ***\n');
const withScipy = haveScipy ? test : test.skip;

function scipy(code: string): number[] {
  const r = spawnSync(PYTHON, ['-W', 'ignore', '-c', `import json\nfrom scipy import stats\n${code}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as number[];
}

describe('statistics match SciPy', () => {
  withScipy('normal tail and quantile', () => {
    const zs = [-3, -1.2345, 0, 0.5, 1.959963984540054, 3.5, 6];
    const ref = scipy(
      `print(json.dumps([stats.norm.sf(z) for z in ${JSON.stringify(zs)}] + [stats.norm.ppf(p) for p in [0.001, 0.025, 0.5, 0.975, 0.999999]]))`,
    );
    zs.forEach((z, i) => {
      expect(normalSf(z)).toBeCloseTo(ref[i] as number, 7);
    });
    [0.001, 0.025, 0.5, 0.975, 0.999999].forEach((p, i) => {
      expect(normalQuantile(p)).toBeCloseTo(ref[zs.length + i] as number, 6);
    });
  });

  withScipy('Mann-Whitney U, one-sided, with ties and continuity', () => {
    const r = rng(7);
    const cases = [
      { stable: [1, 2, 2, 3, 5, 6], canary: [3, 4, 5, 5, 9] },
      { stable: Array.from({ length: 200 }, () => Math.round(r() * 50)), canary: Array.from({ length: 80 }, () => Math.round(r() * 55)) },
      { stable: Array.from({ length: 300 }, () => Math.exp(r())), canary: Array.from({ length: 300 }, () => Math.exp(r() + 0.05)) },
    ];
    const ref = scipy(
      `cases = ${JSON.stringify(cases)}\nprint(json.dumps([stats.mannwhitneyu(c['canary'], c['stable'], alternative='greater', method='asymptotic', use_continuity=True).pvalue for c in cases]))`,
    );
    cases.forEach((c, i) => {
      expect(mannWhitneyTest(c.stable, c.canary).pValue).toBeCloseTo(ref[i] as number, 6);
    });
  });

  withScipy('Wilcoxon signed-rank, one-sided, zeros dropped, ties and continuity', () => {
    const r = rng(11);
    const cases = [
      [
        [5, 4],
        [3, 5],
        [6, 3],
        [6, 3],
        [1, 1],
        [7, 3],
        [9, 4],
      ],
      Array.from({ length: 120 }, () => [Math.round(r() * 10), Math.round(r() * 9)]),
    ];
    const ref = scipy(
      `cases = ${JSON.stringify(cases)}\nprint(json.dumps([stats.wilcoxon([s - c for s, c in pairs], zero_method='wilcox', correction=True, alternative='greater', method='approx').pvalue for pairs in cases]))`,
    );
    cases.forEach((pairs, i) => {
      expect(wilcoxonSignedRankTest(pairs as [number, number][]).pValue).toBeCloseTo(ref[i] as number, 6);
    });
  });
});

describe('two-proportion test', () => {
  withScipy('without a margin it is the exact conditional binomial test', () => {
    const cases = [
      [
        { events: 3, trials: 300 },
        { events: 30, trials: 5700 },
      ],
      [
        { events: 0, trials: 50 },
        { events: 4, trials: 2000 },
      ],
      [
        { events: 40, trials: 2000 },
        { events: 20, trials: 2000 },
      ],
      [
        { events: 120, trials: 9000 },
        { events: 900, trials: 171000 },
      ],
    ] as const;
    const ref = scipy(
      `cases = ${JSON.stringify(cases)}\nprint(json.dumps([stats.binomtest(c['events'], c['events'] + s['events'], c['trials'] / (c['trials'] + s['trials']), alternative='greater').pvalue for c, s in cases]))`,
    );
    cases.forEach(([canary, stable], i) => {
      expect(twoProportionTest(stable, canary).pValue).toBeCloseTo(ref[i] as number, 9);
    });
  });

  test('twice the error rate at a few thousand requests is significant; equal rates are not', () => {
    expect(twoProportionTest({ events: 20, trials: 2000 }, { events: 40, trials: 2000 }).pValue).toBeLessThan(0.01);
    expect(twoProportionTest({ events: 20, trials: 2000 }, { events: 20, trials: 2000 }).pValue).toBeGreaterThan(0.4);
  });

  test('zero events on both sides stay finite and unremarkable', () => {
    const r = twoProportionTest({ events: 0, trials: 50 }, { events: 0, trials: 5 });
    expect(Number.isFinite(r.z)).toBe(true);
    expect(r.pValue).toBeGreaterThan(0.05);
  });

  test('a margin absorbs differences within the tolerance', () => {
    const strict = twoProportionTest({ events: 100, trials: 10_000 }, { events: 130, trials: 10_000 });
    const tolerant = twoProportionTest({ events: 100, trials: 10_000 }, { events: 130, trials: 10_000 }, 0.005);
    expect(strict.pValue).toBeLessThan(0.05);
    expect(tolerant.pValue).toBeGreaterThan(0.5);
  });
});

describe('alpha spending', () => {
  test.each(['pocock', 'linear', 'obrien-fleming'] as const)('%s never spends more than alpha and is monotone', (kind) => {
    let prev = 0;
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const a = spentAlpha(t, 0.05, kind);
      expect(a).toBeGreaterThanOrEqual(prev - 1e-15);
      expect(a).toBeLessThanOrEqual(0.05 + 1e-12);
      prev = a;
    }
    expect(spentAlpha(1, 0.05, kind)).toBeCloseTo(0.05, 10);
  });

  // Lan-DeMets boundaries for 5 equally spaced looks, one-sided alpha 0.025, as tabulated in
  // Jennison & Turnbull, Group Sequential Methods (2000), and reproduced by R's gsDesign/ldbounds.
  test.each([
    ['pocock', [2.438, 2.429, 2.411, 2.396, 2.387]],
    ['obrien-fleming', [4.877, 3.357, 2.68, 2.29, 2.031]],
  ] as const)('%s boundaries match the published values', (kind, expected) => {
    const spender = new AlphaSpender(0.025, kind);
    expected.forEach((z, k) => {
      expect(spender.boundaryAt((k + 1) / 5)).toBeCloseTo(z, 2);
    });
    expect(spender.total).toBeCloseTo(0.025, 10);
  });

  test('the false-rejection rate over 30 looks is alpha, not more (Monte Carlo on Brownian paths)', () => {
    const looks = 30;
    const spender = new AlphaSpender(0.05, 'pocock');
    const bounds = Array.from({ length: looks }, (_, k) => spender.boundaryAt((k + 1) / looks));
    const r = rng(3);
    const paths = 20_000;
    let rejected = 0;
    for (let m = 0; m < paths; m++) {
      let s = 0;
      for (let k = 1; k <= looks; k++) {
        s += Math.sqrt(1 / looks) * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
        if (s / Math.sqrt(k / looks) > (bounds[k - 1] as number)) {
          rejected++;
          break;
        }
      }
    }
    // 0.05 ± 3 standard errors of a binomial proportion over 20,000 paths.
    expect(rejected / paths).toBeGreaterThan(0.05 - 3 * Math.sqrt((0.05 * 0.95) / paths));
    expect(rejected / paths).toBeLessThan(0.05 + 3 * Math.sqrt((0.05 * 0.95) / paths));
  });

  test('a look at the same time as the last one cannot reject', () => {
    const spender = new AlphaSpender(0.05);
    spender.boundaryAt(0.5);
    expect(spender.boundaryAt(0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(spender.levelAt(0.4)).toBe(0);
  });
});
