import { escapeMarkdown, inlineCode, markdownTable } from '@slipway/kit';
import type { DataReport } from './check.js';

const SHOWN = 25;

/** The data check as Markdown for the job summary: files, findings, tokens and cost, the first problems. */
export function dataReportMarkdown(r: DataReport): string {
  const icon = r.ok ? '✅' : '❌';
  const files = markdownTable(
    ['file', 'role', 'format', 'examples', 'bytes'],
    r.files.map((f) => [inlineCode(f.file), f.role, f.format, String(f.examples), String(f.bytes)]),
    ['left', 'left', 'left', 'right', 'right'],
  );
  const c = r.counts;
  const findings = markdownTable(
    ['check', 'found'],
    [
      ['schema errors', String(c.schema)],
      ['exact duplicates', String(c.exactDuplicates)],
      ['near duplicates (MinHash)', String(c.nearDuplicates)],
      ['train/eval leakage', String(c.leakage)],
      ['secrets', String(c.secrets)],
      ['personal data', String(c.pii)],
      ['over the token limit', String(c.tooLong)],
    ],
    ['left', 'right'],
  );
  const label = r.tokens.exact ? `exact, ${r.tokens.encoding}` : r.tokens.encoding;
  const tokens = `Tokens (${label}): **${r.tokens.total.toLocaleString('en-US')}** in ${r.examples.train} training examples (min ${r.tokens.min}, mean ${r.tokens.mean.toFixed(1)}, max ${r.tokens.max}).`;
  const cost = r.cost
    ? ` Estimated cost for ${inlineCode(r.cost.model)}: ${r.cost.epochs} epochs × ${r.tokens.total.toLocaleString('en-US')} tokens at $${r.cost.pricePerMillion}/1M = **$${r.cost.usd.toFixed(2)}**.`
    : '';
  const split = r.split
    ? `\n\nStable hash split: ${r.split.trainExamples} → ${inlineCode(r.split.train)}, ${r.split.validationExamples} → ${inlineCode(r.split.validation)}.`
    : '';
  const shown = [...r.problems.filter((p) => p.severity === 'error'), ...r.problems.filter((p) => p.severity === 'warning')].slice(0, SHOWN);
  const list = shown.length
    ? `\n\n${markdownTable(
        ['', 'where', 'problem'],
        shown.map((p) => [p.severity === 'error' ? '❌' : '⚠️', inlineCode(`${p.location.file}:${p.location.line}`), escapeMarkdown(p.message)]),
      )}${r.problems.length > SHOWN ? `\n\n…and ${r.problems.length - SHOWN} more.` : ''}`
    : '';
  return `### ${icon} Training data check\n\n${r.counts.errors} error(s), ${r.counts.warnings} warning(s). Data digest ${inlineCode(r.digest)}.\n\n${files}\n\n${findings}\n\n${tokens}${cost}${split}${list}\n`;
}
