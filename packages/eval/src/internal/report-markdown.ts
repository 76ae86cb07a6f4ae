import { escapeMarkdown, markdownTable } from '@slipway/kit';
import type { Comparison, PairedTest } from './compare.js';
import type { EvalResults } from './types.js';

/** Hidden marker that finds the sticky comment again. */
export const COMMENT_MARKER = '<!-- slipway:eval -->';
/** GitHub refuses comment bodies longer than this. */
export const COMMENT_LIMIT = 65_536;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
const signed = (x: number, f: (x: number) => string) => (x > 0 ? `+${f(x)}` : x < 0 ? `−${f(-x)}` : '±0');

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Untrusted model text for a table cell: escaped, bounded. */
function cell(text: string, max = 400): string {
  return escapeMarkdown(cut(text, max)) || '_(empty)_';
}

/** Marks what differs between two outputs, word by word: removed words struck out, added ones bold. */
export function wordDiff(before: string, after: string): { base: string; head: string } {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  if (a.length * b.length > 250_000) return { base: cell(before), head: cell(after) };
  const w = b.length + 1;
  const dp = new Int32Array((a.length + 1) * w);
  const at = (i: number, j: number) => dp[i * w + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) dp[i * w + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  let i = 0;
  let j = 0;
  const left: string[] = [];
  const right: string[] = [];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      left.push(escapeMarkdown(a[i] ?? ''));
      right.push(escapeMarkdown(b[j] ?? ''));
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || at(i, j + 1) >= at(i + 1, j))) {
      const word = b[j++] ?? '';
      right.push(/^\s+$/.test(word) ? escapeMarkdown(word) : `**${escapeMarkdown(word)}**`);
    } else {
      const word = a[i++] ?? '';
      left.push(/^\s+$/.test(word) ? escapeMarkdown(word) : `~~${escapeMarkdown(word)}~~`);
    }
  }
  return { base: cut(left.join(''), 1500) || '_(empty)_', head: cut(right.join(''), 1500) || '_(empty)_' };
}

function regressionBlock(t: PairedTest): string {
  const b = t.base?.samples[0]?.output ?? '';
  const h = t.head?.samples[0]?.output ?? '';
  const d = wordDiff(cut(b, 1200), cut(h, 1200));
  const failed = (t.head?.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)) ?? []).slice(0, 5);
  const why = failed.length ? `\n\n${failed.map((f) => `- ${cell(f, 300)}`).join('\n')}` : '';
  const tag = t.critical ? ' **critical**' : '';
  return `<details><summary>${cell(t.id, 120)} — ${cell(t.description, 160)}${tag} (score ${num(t.base?.score ?? 0)} → ${num(t.head?.score ?? 0)})</summary>\n\n${markdownTable(['base', 'head'], [[d.base, d.head]])}${why}\n\n</details>`;
}

export interface MarkdownOptions {
  /** Link to the full report (artifact or run page). */
  reportUrl?: string;
  /** Most regressions shown with both outputs. */
  topRegressions?: number;
  /** Lines to add before the footer, e.g. what a fork PR could not do. */
  notes?: string[];
  limit?: number;
  /** Where the baseline came from (`store:main (sha256:…)`, a file, …), shown beside its age. */
  baselineSource?: string;
}

/**
 * The sticky PR comment (also the job summary): verdict first, then the metrics table, the top
 * regressions side by side, and the run's cost, latency, tokens, cache hits and baseline age.
 * Every piece of model or PR text is escaped; the whole is cut to GitHub's 65,536 characters.
 */
export function renderComment(head: EvalResults, comparison: Comparison | undefined, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const t = head.totals;
  const parts: string[] = [COMMENT_MARKER];
  if (comparison) {
    const icon = comparison.verdict === 'pass' ? '✅' : '❌';
    parts.push(`## ${icon} Eval ${comparison.verdict === 'pass' ? 'passed' : 'failed'}: ${escapeMarkdown(head.suite.file)}`);
    if (comparison.reasons.length) parts.push(comparison.reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n'));
  } else {
    const ok = t.failed === 0 && t.errors === 0;
    parts.push(`## ${ok ? '✅' : '❌'} Eval ${escapeMarkdown(head.suite.file)}: ${t.passed}/${t.tests - t.skipped} passed (no baseline)`);
  }
  const warnings = [...(comparison?.warnings ?? []), ...(head.partial && !comparison ? [`partial run: ${head.partialReason ?? ''}`] : [])];
  if (warnings.length) parts.push(warnings.map((w) => `> ⚠️ ${escapeMarkdown(w)}`).join('\n>\n'));
  if (comparison) {
    const rows = comparison.metrics.map((m) => {
      const isRate = m.name === 'pass rate';
      const f = isRate ? pct : num;
      const flag = m.regression ? ' 🔻' : m.improvement ? ' 🔺' : '';
      return [
        escapeMarkdown(m.name),
        f(m.base),
        f(m.head),
        `${signed(m.diff, f)}${flag}`,
        `[${signed(m.ci[0], f)}, ${signed(m.ci[1], f)}]`,
        m.p < 0.001 ? '<0.001' : m.p.toFixed(3),
      ];
    });
    parts.push(markdownTable(['metric', 'base', 'head', 'change', '95% CI', 'p'], rows, ['left', 'right', 'right', 'right', 'right', 'right']));
    const c = comparison.counts;
    parts.push(
      `**Tests:** ${c['newly-failing']} newly failing · ${c['newly-passing']} newly passing · ${c.flaky} flaky · ${c.unchanged} unchanged · ${c.new} new · ${c.removed} removed`,
    );
  } else {
    parts.push(`**Tests:** ${t.passed} passed · ${t.failed} failed · ${t.errors} errors · ${t.skipped} skipped`);
  }
  const footer: string[] = [];
  footer.push(
    `**Cost** $${t.cost.toFixed(4)} · **latency** p50 ${t.latencyP50.toFixed(0)} ms, p95 ${t.latencyP95.toFixed(0)} ms · **tokens** ${t.promptTokens} in, ${t.completionTokens} out · **cache hits** ${t.cacheHits}/${t.calls}`,
  );
  if (comparison) {
    const age = comparison.baseline.ageDays < 1 ? `${Math.round(comparison.baseline.ageDays * 24)} h` : `${Math.floor(comparison.baseline.ageDays)} days`;
    footer.push(
      `**Baseline** ${options.baselineSource ? `${escapeMarkdown(cut(options.baselineSource, 200))}, ` : ''}${comparison.baseline.sha ? `${escapeMarkdown(comparison.baseline.sha.slice(0, 7))}, ` : ''}${age} old${comparison.baseline.stale ? ' ⚠️ stale' : ''}`,
    );
  }
  for (const n of options.notes ?? []) footer.push(`> ${escapeMarkdown(n)}`);
  const pointer = options.reportUrl ? `[Full report](${encodeURI(options.reportUrl)})` : 'Full report: the `eval-report` artifact of this run';
  footer.push(pointer);
  const tail = `\n\n${footer.join('\n\n')}\n`;

  // Regressions go last so that the cut, when needed, drops them and keeps the verdict and the table.
  const regressions = comparison
    ? comparison.tests
        .filter((x) => x.change === 'newly-failing' || (x.change === 'flaky' && x.scoreDiff < 0) || (x.change === 'unchanged' && x.scoreDiff < -1e-9))
        .sort(
          (a, b) =>
            Number(b.critical) - Number(a.critical) ||
            (a.change === 'newly-failing' ? -1 : 0) - (b.change === 'newly-failing' ? -1 : 0) ||
            a.scoreDiff - b.scoreDiff,
        )
    : head.tests
        .filter((x) => x.status === 'fail' || x.status === 'error')
        .map(
          (x) =>
            ({ id: x.id, description: x.description, line: x.line, tags: x.tags, change: 'unchanged', critical: false, head: x, scoreDiff: 0 }) as PairedTest,
        );
  let body = parts.join('\n\n');
  const top = options.topRegressions ?? 10;
  const shown: string[] = [];
  for (const r of regressions.slice(0, top)) {
    const block = regressionBlock(r);
    if (body.length + block.length + tail.length + 200 > limit) break;
    shown.push(block);
    body += `\n\n${block}`;
  }
  if (shown.length)
    body = body.replace(shown[0] ?? '', `### Top ${comparison ? 'regressions' : 'failures'} (${shown.length} of ${regressions.length})\n\n${shown[0]}`);
  const out = body + tail;
  if (out.length <= limit) return out;
  const note = `\n\n_Cut to ${limit} characters._ ${pointer}\n`;
  return out.slice(0, limit - note.length) + note;
}
