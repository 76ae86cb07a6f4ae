import { COMMENT_LIMIT, COMMENT_MARKER, compareResults, type EvalResults, renderComment, renderJunit, type TestResult } from '@slipway/eval';

function run(outputs: string[], pass: boolean[], createdAt = new Date().toISOString()): EvalResults {
  const tests: TestResult[] = outputs.map((output, i) => ({
    index: i,
    id: `t${i}`,
    description: `case ${i} from PR @someone [x](https://evil.example)`,
    provider: 'p',
    tags: i === 0 ? ['critical'] : [],
    line: 10 + i,
    vars: {},
    status: pass[i] ? 'pass' : 'fail',
    passRate: pass[i] ? 1 : 0,
    score: pass[i] ? 1 : 0,
    flaky: false,
    metrics: {},
    samples: [
      {
        output,
        pass: Boolean(pass[i]),
        score: pass[i] ? 1 : 0,
        assertions: pass[i] ? [] : [{ type: 'contains', pass: false, score: 0, message: 'expected to contain "<b>ok</b>"', weight: 1 }],
        latencyMs: 10,
        promptTokens: 3,
        completionTokens: 4,
        cost: 0.001,
        cached: i % 2 === 0,
      },
    ],
  }));
  const passed = pass.filter(Boolean).length;
  return {
    schema: 'slipway.eval.results/v1',
    suite: { file: 'evals/s.yaml', description: '', tests: tests.length },
    createdAt,
    git: { sha: 'abcdef1234567' },
    providers: ['p'],
    partial: false,
    totals: {
      tests: tests.length,
      passed,
      failed: tests.length - passed,
      errors: 0,
      skipped: 0,
      passRate: passed / tests.length,
      cost: 0.5,
      promptTokens: 30,
      completionTokens: 40,
      latencyP50: 10,
      latencyP95: 12,
      cacheHits: 5,
      calls: 10,
      durationMs: 5,
    },
    tests,
  };
}

describe('the PR comment', () => {
  const n = 60;
  const huge = 'word '.repeat(3000);
  const base = run(Array(n).fill('fine answer'), Array(n).fill(true), new Date(Date.now() - 20 * 86_400_000).toISOString());
  const head = run(
    Array.from({ length: n }, (_, i) => (i < 40 ? `<script>alert(1)</script> @octocat ![img](https://x.y/a.png) ${huge}` : 'fine answer')),
    Array.from({ length: n }, (_, i) => i >= 40),
  );
  const comparison = compareResults(base, head);
  const body = renderComment(head, comparison, { reportUrl: 'https://github.com/acme/bot/actions/runs/1' });

  test('verdict first, then the metrics table, cost, latency, tokens, cache hits and baseline age', () => {
    expect(body.startsWith(`${COMMENT_MARKER}\n\n## ❌ Eval failed: evals/s.yaml`)).toBe(true);
    expect(body.indexOf('| metric | base | head | change | 95% CI | p |')).toBeLessThan(body.indexOf('### Top regressions'));
    expect(body).toContain('- critical test "t0" newly fails');
    expect(body).toMatch(/\*\*Cost\*\* \$0\.5000 · \*\*latency\*\* p50 10 ms, p95 12 ms · \*\*tokens\*\* 30 in, 40 out · \*\*cache hits\*\* 5\/10/);
    expect(body).toMatch(/\*\*Baseline\*\* abcdef1, 20 days old ⚠️ stale/);
    expect(body).toContain('> ⚠️ the baseline is 20 days old');
  });

  test('cut to 65,536 characters with a pointer to the full report', () => {
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain('[Full report](https://github.com/acme/bot/actions/runs/1)');
    expect(body).toMatch(/### Top regressions \(\d+ of 40\)/);
  });

  test('model and PR text is inert: no tags, no mentions, no links, no images', () => {
    expect(body).not.toMatch(/<script>|<b>|@octocat|@someone|\]\(https:\/\/evil|!\[img\]/);
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('@\u200boctocat');
  });

  test('an identical run passes with every change at zero', () => {
    const same = renderComment(base, compareResults(base, base));
    expect(same).toContain('## ✅ Eval passed');
    expect(same).toMatch(/\| pass rate \| 100\.0% \| 100\.0% \| ±0 \| \[±0, ±0\] \| 1\.000 \|/);
  });
});

test('JUnit: one test case per test and provider; failures carry the assertion message, XML-escaped', () => {
  const xml = renderJunit(run(['ok', 'bad <answer> & "quotes"'], [true, false]));
  expect(xml).toContain('<testsuites name="slipway eval" tests="2" failures="1" errors="0" skipped="0"');
  expect(xml.match(/<testcase /g)).toHaveLength(2);
  expect(xml).toContain('<testcase classname="evals/s.yaml.p" name="t1" file="evals/s.yaml" line="11"');
  expect(xml).toContain('<failure message="contains: expected to contain &quot;&lt;b&gt;ok&lt;/b&gt;&quot;" type="assertion">');
  expect(xml).toContain('bad &lt;answer&gt; &amp; &quot;quotes&quot;');
});
