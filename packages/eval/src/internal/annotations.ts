import type { EvaluateResult } from './evaluate.js';

/** A failing test pinned to its line in the suite file. */
export interface TestAnnotation {
  path: string;
  line: number;
  level: 'failure';
  title: string;
  message: string;
}

/** Failing tests as annotations: newly failing ones when there is a baseline, else every failure. Plain text; the publisher escapes it. */
export function evalAnnotations(r: EvaluateResult): TestAnnotation[] {
  return r.suites.flatMap((s) => {
    const failing = s.comparison
      ? s.comparison.tests.filter((t) => t.change === 'newly-failing').map((t) => t.head)
      : s.results.tests.filter((t) => t.status === 'fail' || t.status === 'error');
    return failing.flatMap((t) => {
      if (!t) return [];
      const why = t.samples.flatMap((x) => (x.error ? [x.error] : x.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)));
      return [
        {
          path: s.suite,
          line: t.line,
          level: 'failure' as const,
          title: `${s.comparison ? 'newly failing' : 'failing'}: ${t.id} (${t.provider})`,
          message: why.slice(0, 5).join('\n') || `score ${t.score.toFixed(3)}`,
        },
      ];
    });
  });
}

/** One line for a check run title. */
export function evalTitle(r: EvaluateResult): string {
  const tests = r.suites.reduce((n, s) => n + s.results.totals.tests, 0);
  return `${r.verdict === 'pass' ? 'Passed' : 'Failed'}: pass rate ${(r.passRate * 100).toFixed(1)}% over ${tests} tests`;
}
