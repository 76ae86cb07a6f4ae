import { parseDocument } from 'yaml';
import { parseYamlSubset } from './yaml-subset.js';

/**
 * A suite with thousands of tests parsed as one YAML document needs ~14 KB of parser memory per
 * test (280 MB for 20,000). Its `tests:` block sequence is split into items by indentation and
 * each item parsed on its own, so the parser's garbage never piles up and each test's line is
 * known. Returns undefined when the file does not have that simple shape, or when any piece does
 * not parse: the caller then parses the whole document, which also gives exact error locations.
 */
export function parseSuiteInPieces(text: string): { data: Record<string, unknown>; testLines: number[] } | undefined {
  const lines = text.split('\n');
  if (lines.some((l) => /^(---|\.\.\.)(\s|$)/.test(l))) return undefined;
  const start = lines.findIndex((l) => /^tests:\s*(#.*)?$/.test(l));
  if (start < 0) return undefined;
  const isFiller = (l: string) => /^\s*(#.*)?$/.test(l);
  let k = start + 1;
  while (k < lines.length && isFiller(lines[k] ?? '')) k++;
  const first = /^(\s*)- /.exec(lines[k] ?? '');
  if (!first) return undefined;
  const indent = first[1] ?? '';
  const itemStart = new RegExp(`^${indent}- `);
  const items: { from: number; to: number }[] = [];
  let end = lines.length;
  for (let i = k; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (itemStart.test(l)) {
      const last = items.at(-1);
      if (last) last.to = i;
      items.push({ from: i, to: lines.length });
      continue;
    }
    if (isFiller(l)) continue;
    const lead = /^\s*/.exec(l)?.[0].length ?? 0;
    if (lead <= indent.length) {
      if (lead === 0 && indent.length === 0 && !l.startsWith('-') && /^[A-Za-z_$"'][^:]*:/.test(l)) {
        end = i;
        const last = items.at(-1);
        if (last) last.to = i;
        break;
      }
      if (lead === 0 && indent.length > 0 && /^[A-Za-z_$"'][^:]*:/.test(l)) {
        end = i;
        const last = items.at(-1);
        if (last) last.to = i;
        break;
      }
      return undefined;
    }
  }
  const headText = [...lines.slice(0, start), 'tests: []', ...lines.slice(end)].join('\n');
  const head = parseDocument(headText);
  if (head.errors.length > 0) return undefined;
  const data = head.toJS() as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const tests: unknown[] = [];
  const testLines: number[] = [];
  // Batches of items: few parser instances, yet a bounded amount of parser garbage at any time.
  for (let b = 0; b < items.length; b += 16) {
    const batch = items.slice(b, b + 16);
    const chunk = lines
      .slice(batch[0]?.from ?? 0, batch.at(-1)?.to ?? 0)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    let value = parseYamlSubset(chunk);
    if (value === undefined) {
      const doc = parseDocument(chunk);
      if (doc.errors.length > 0) return undefined;
      value = doc.toJS() as unknown;
    }
    if (!Array.isArray(value) || value.length !== batch.length) return undefined;
    tests.push(...(value as unknown[]));
    for (const item of batch) testLines.push(item.from + 1);
  }
  data.tests = tests;
  return { data, testLines };
}
