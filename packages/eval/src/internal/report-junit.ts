import { fullOf } from './results-log.js';
import type { EvalResults } from './types.js';

function xml(text: string): string {
  // XML 1.0 forbids most control characters even when escaped: drop them.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** JUnit XML: one test case per test and provider; failures carry the failed assertions' messages. */
export function renderJunit(results: EvalResults): string {
  return [...junitChunks(results)].join('');
}

/** The same document piece by piece, so a 20,000-test report can be streamed to disk. */
export function* junitChunks(results: EvalResults): Generator<string> {
  const t = results.totals;
  const providers = [...new Set(results.tests.map((x) => x.provider))];
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="slipway eval" tests="${results.tests.length}" failures="${t.failed}" errors="${t.errors}" skipped="${t.skipped}" time="${(t.durationMs / 1000).toFixed(3)}">\n`;
  for (const provider of providers) {
    const tests = results.tests.filter((x) => x.provider === provider);
    const count = (s: string) => tests.filter((x) => x.status === s).length;
    yield `  <testsuite name="${xml(`${results.suite.file} (${provider})`)}" tests="${tests.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skipped')}">\n`;
    for (const compact of tests) {
      // Failures carry the full messages and output: read from the run's log when held compact.
      const r = compact.status === 'fail' || compact.status === 'error' ? fullOf(compact) : compact;
      const time = (r.samples.reduce((s, x) => s + x.latencyMs, 0) / 1000).toFixed(3);
      const head = `    <testcase classname="${xml(`${results.suite.file}.${provider}`)}" name="${xml(r.id)}" file="${xml(results.suite.file)}" line="${r.line}" time="${time}">`;
      if (r.status === 'skipped') yield `${head}\n      <skipped message="${xml(r.skipReason ?? 'not run')}"/>\n    </testcase>\n`;
      else if (r.status === 'error')
        yield `${head}\n      <error message="${xml(r.samples.find((s) => s.error)?.error ?? 'provider error')}"/>\n    </testcase>\n`;
      else if (r.status === 'fail') {
        const failed = r.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`));
        const message = failed[0] ?? `score ${r.score.toFixed(3)} below threshold`;
        const output = r.samples[0]?.output ?? '';
        yield `${head}\n      <failure message="${xml(message)}" type="assertion">${xml(`${failed.join('\n')}\n\noutput:\n${output}`)}</failure>\n    </testcase>\n`;
      } else yield `${head}</testcase>\n`;
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}
