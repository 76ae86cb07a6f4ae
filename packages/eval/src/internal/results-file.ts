import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { ConfigError } from '@slipway/kit';
import { fullJson } from './results-log.js';
import { totalsOf } from './runner.js';
import { type EvalResults, RESULTS_SCHEMA, type TestResult } from './types.js';

/**
 * Writes a results file one test per line, so a 20,000-test run never builds one giant string.
 * The output is still a single JSON document.
 */
export async function writeResults(file: string, results: EvalResults): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const { tests, ...head } = results;
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "tests": [')}\n`);
  // A compact in-memory result is written whole: its record is read back from the run's log.
  for (const [i, t] of tests.entries()) await write(`    ${fullJson(t)}${i < tests.length - 1 ? ',' : ''}\n`);
  out.end('  ]\n}\n');
  await finished(out);
}

/** Writes text pieces to a file as they come, honouring back-pressure. */
export async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  for (const c of chunks) if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await finished(out);
}

/** Reads and checks a results file; a wrong or unknown schema is a ConfigError naming the file. */
export async function readResults(file: string, shown = file): Promise<EvalResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([{ location: { file: shown }, message: code === 'ENOENT' ? 'no such results file' : `cannot read it: ${code ?? String(error)}` }]);
  }
  return parseResults(text, shown);
}

/** Parses and checks the text of a results file (from disk or from the artifact store). */
export function parseResults(text: string, shown: string): EvalResults {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ location: { file: shown }, message: `not a results file: ${(error as Error).message.split('\n')[0]}` }]);
  }
  const r = data as Partial<EvalResults>;
  if (r.schema !== RESULTS_SCHEMA || !Array.isArray(r.tests)) {
    throw new ConfigError([
      { location: { file: shown }, message: `expected a results file with "schema": "${RESULTS_SCHEMA}", found ${JSON.stringify(r.schema ?? null)}` },
    ]);
  }
  return r as EvalResults;
}

/**
 * Combines shard results into the report an unsharded run would have written: tests in suite
 * order, totals recomputed, partial if any shard was. Shards of different suites are refused.
 */
export function mergeResults(parts: readonly EvalResults[]): EvalResults {
  const first = parts[0];
  if (!first) throw new ConfigError([{ location: { file: '(merge)' }, message: 'nothing to merge: give at least one results file' }]);
  for (const p of parts) {
    if (p.suite.file !== first.suite.file || p.suite.tests !== first.suite.tests) {
      throw new ConfigError([
        { location: { file: p.suite.file }, message: `shard of another suite (${p.suite.file}, ${p.suite.tests} tests) than ${first.suite.file}` },
      ]);
    }
  }
  const seen = new Set<string>();
  const tests: TestResult[] = [];
  for (const p of parts)
    for (const t of p.tests) {
      const key = `${t.id}\u0000${t.provider}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tests.push(t);
    }
  const order = new Map(first.providers.map((p, i) => [p, i]));
  tests.sort((a, b) => a.index - b.index || (order.get(a.provider) ?? 0) - (order.get(b.provider) ?? 0));
  const reasons = parts.filter((p) => p.partial).map((p) => p.partialReason ?? 'partial');
  const duration = Math.max(...parts.map((p) => p.totals.durationMs));
  const merged: EvalResults = {
    schema: RESULTS_SCHEMA,
    suite: first.suite,
    createdAt: parts.map((p) => p.createdAt).sort()[0] ?? first.createdAt,
    providers: first.providers,
    partial: reasons.length > 0,
    totals: totalsOf(
      tests,
      duration,
      parts.reduce((s, p) => s + p.totals.cacheHits, 0),
    ),
    tests,
  };
  if (reasons.length) merged.partialReason = [...new Set(reasons)].join('; ');
  if (first.git) merged.git = first.git;
  return merged;
}
