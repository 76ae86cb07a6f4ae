import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareResults, type EvalResults, renderHtml, type TestResult } from '@slipway/eval';
import { describeWith } from '../../helpers/require-binary.js';

const CHROMIUM = '/usr/bin/chromium';

function results(outputs: string[], pass: boolean[]): EvalResults {
  const tests: TestResult[] = outputs.map((output, i) => ({
    index: i,
    id: `t${i}`,
    description: `test ${i}`,
    provider: 'p',
    tags: [],
    line: i + 3,
    vars: {},
    status: pass[i] ? 'pass' : 'fail',
    passRate: pass[i] ? 1 : 0,
    score: pass[i] ? 1 : (i % 10) / 10,
    flaky: false,
    metrics: {},
    samples: [
      {
        output,
        pass: Boolean(pass[i]),
        score: pass[i] ? 1 : 0,
        assertions: pass[i] ? [] : [{ type: 'contains', pass: false, score: 0, message: 'expected to contain "refund"', weight: 1 }],
        latencyMs: 100 + i,
        promptTokens: 1,
        completionTokens: 1,
        cost: 0,
        cached: false,
      },
    ],
  }));
  const passed = tests.filter((t) => t.status === 'pass').length;
  return {
    schema: 'slipway.eval.results/v1',
    suite: { file: 'evals/s.yaml', description: '', tests: tests.length },
    createdAt: new Date().toISOString(),
    providers: ['p'],
    partial: false,
    totals: {
      tests: tests.length,
      passed,
      failed: tests.length - passed,
      errors: 0,
      skipped: 0,
      passRate: passed / tests.length,
      cost: 0,
      promptTokens: 0,
      completionTokens: 0,
      latencyP50: 0,
      latencyP95: 0,
      cacheHits: 0,
      calls: tests.length,
      durationMs: 1,
    },
    tests,
  };
}

describeWith(CHROMIUM, 'chromium')('the HTML report in headless Chromium', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-html-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('works offline: sorts, filters, shows base and head side by side with differences marked, never runs model text', async () => {
    const n = 30;
    const baseOut = Array.from({ length: n }, (_, i) => `Your refund for order ${i} was issued today.`);
    const headOut = baseOut.map((o, i) => (i % 5 === 0 ? `<img src=x onerror="window.__pwned=1">Your order ${i} was lost.` : o));
    const base = results(
      baseOut,
      baseOut.map(() => true),
    );
    const head = results(
      headOut,
      headOut.map((_, i) => i % 5 !== 0),
    );
    const file = path.join(dir, 'report.html');
    await writeFile(file, renderHtml(head, compareResults(base, head), base));

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      // playwright gives every launch a fresh temporary profile (the fresh --user-data-dir PEERS.md asks for).
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const external: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        external.push(url);
        return route.abort();
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      expect(await page.textContent('#title')).toBe('Eval failed: evals/s.yaml');
      expect(await page.locator('#tests tbody tr.row').count()).toBe(n);
      expect(await page.locator('#charts svg').count()).toBe(2);
      expect(await page.locator('#charts svg').first().locator('rect').count()).toBe(10);
      expect(await page.textContent('#metrics tbody tr:first-child td:first-child')).toBe('pass rate');

      await page.selectOption('#status', 'fail');
      expect(await page.locator('#tests tbody tr.row').count()).toBe(6);
      expect(await page.textContent('#count')).toBe('6 of 30');
      await page.fill('#q', 'order 10 ');
      expect(await page.locator('#tests tbody tr.row').count()).toBe(1);
      await page.fill('#q', '');
      await page.selectOption('#status', '');

      await page.click('#tests th[data-key="latency"]');
      await page.click('#tests th[data-key="latency"]');
      expect(await page.textContent('#tests tbody tr.row:first-child td:first-child')).toBe('t29');

      await page.click('#tests tbody tr.row[data-id="t5"]');
      const detail = page.locator('#tests tbody tr.detail');
      expect(await detail.locator('del').allTextContents()).toEqual(['Your', 'refund', 'for', 'issued', 'today.']);
      expect(await detail.locator('ins').allTextContents()).toEqual(['<img', 'src=x', 'onerror="window.__pwned=1">Your', 'lost.']);
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.locator('#tests img').count()).toBe(0);
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
