/**
 * Makes untrusted text (model output, PR titles, file names) inert inside Markdown and HTML:
 * no tags, no links or images, no table breaks, no mentions, no smuggled comment markers.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/@/g, '@\u200b')
    .replace(/\r?\n/g, '<br>');
}

/** Untrusted text in an inline code span, with backticks and line breaks neutralised. */
export function inlineCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ').replace(/`/g, 'ʼ');
  return `\`${clean}\``;
}

export type Align = 'left' | 'right' | 'center';

/** A Markdown table. Cells are taken as Markdown already: escape untrusted cells first. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const rule = headers.map((_, i) => ({ left: ':--', right: '--:', center: ':-:' })[align[i] ?? 'left']);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(rule), ...rows.map(line)].join('\n');
}
