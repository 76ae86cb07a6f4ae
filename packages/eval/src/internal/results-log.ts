import { closeSync, createWriteStream, openSync, readSync, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { SampleResult, TestResult } from './types.js';

// Results go to disk (JSON Lines, in the order they finish) the moment a test completes; memory keeps
// a compact copy with the numbers, the verdicts and short excerpts. Reports that need the full text
// (results JSON, JUnit, HTML) read each record back in suite order. Lines are written in batches
// (64 KiB or 200 ms), so a crashed run leaves all but its last moments in the log.

/** Longest excerpt of the first output kept in memory: what the PR comment shows (1,200) with room. */
const OUTPUT_EXCERPT = 1_500;
/** Longest failure message kept in memory: the comment shows 300, annotations keep their first lines. */
const MESSAGE_EXCERPT = 1_000;

interface Ref {
  log: ResultsLog;
  offset: number;
  length: number;
}

const REFS = Symbol('slipway.eval.full-records');
type WithRefs = TestResult & { [REFS]?: Ref[] };

/** Lines are gathered up to this many bytes (or for this long) before one write: a write per test cost ~10 % of the run's CPU. */
const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 200;

/** An append-only JSONL file of full test results, with random access to what it holds. */
export class ResultsLog {
  private readonly out: WriteStream;
  private bytes = 0;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(readonly file: string) {
    this.out = createWriteStream(file, { flags: 'w', highWaterMark: 256 * 1024 });
  }

  /** Creates (or empties) the log file. */
  static async create(file: string): Promise<ResultsLog> {
    await mkdir(path.dirname(file), { recursive: true });
    return new ResultsLog(file);
  }

  /**
   * Writes the full result and returns the compact copy to keep, plus a promise to await when the
   * write buffer is full (back-pressure for the runner's workers).
   */
  append(test: TestResult): { compact: TestResult; drained?: Promise<void> } {
    const line = `${JSON.stringify(test)}\n`;
    const length = Buffer.byteLength(line);
    const ref: Ref = { log: this, offset: this.bytes, length };
    this.bytes += length;
    const compact = compactOf(test);
    attach(compact, [ref]);
    this.pending.push(line);
    this.pendingBytes += length;
    if (this.pendingBytes < BATCH_BYTES) {
      this.timer ??= setTimeout(() => this.writePending(), BATCH_MS).unref();
      return { compact };
    }
    if (this.writePending()) return { compact };
    return { compact, drained: new Promise<void>((resolve) => this.out.once('drain', () => resolve())) };
  }

  /** Hands the gathered lines to the stream; false when its buffer is full. */
  private writePending(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return true;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    return this.out.write(chunk);
  }

  /** Resolves once everything appended so far is on disk (readable through {@link fullOf}). */
  flush(): Promise<void> {
    this.writePending();
    return new Promise<void>((resolve, reject) => this.out.write('', (error) => (error ? reject(error) : resolve())));
  }

  read(offset: number, length: number): TestResult {
    return JSON.parse(this.readText(offset, length)) as TestResult;
  }

  /** The record's line as written (with its newline). */
  readText(offset: number, length: number): string {
    this.fd ??= openSync(this.file, 'r');
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, offset + done);
      if (n === 0) throw new Error(`${this.file}: record at ${offset} is cut short (${done} of ${length} bytes)`);
      done += n;
    }
    return buffer.toString('utf8');
  }

  async close(): Promise<void> {
    this.writePending();
    this.out.end();
    await finished(this.out);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The in-memory copy: every number and verdict; the first output and failure messages as excerpts. */
export function compactOf(t: TestResult): TestResult {
  return {
    ...t,
    samples: t.samples.map((s, i): SampleResult => {
      const c: SampleResult = {
        ...s,
        output: i === 0 ? cut(s.output, OUTPUT_EXCERPT) : '',
        assertions: s.assertions.map((a) => ({ ...a, message: a.pass ? '' : cut(a.message, MESSAGE_EXCERPT) })),
      };
      if (s.error !== undefined) c.error = cut(s.error, MESSAGE_EXCERPT);
      return c;
    }),
  };
}

function attach(t: TestResult, refs: Ref[]): void {
  Object.defineProperty(t, REFS, { value: refs, enumerable: false, configurable: true });
}

/** The on-disk records behind a compact result (none for a result that is already whole). */
export function refsOf(t: TestResult): Ref[] {
  return (t as WithRefs)[REFS] ?? [];
}

/** Marks `t` (built from `parts`, e.g. an adaptive rerun's extra samples) as backed by all of their records. */
export function backedBy(t: TestResult, parts: readonly TestResult[]): TestResult {
  const refs = parts.flatMap(refsOf);
  if (refs.length > 0) attach(t, refs);
  return t;
}

/**
 * The full result: the compact copy's numbers and verdicts with the full samples read back from the
 * log (joined when an adaptive rerun added more), or the result itself when it was never compacted.
 */
export function fullOf(t: TestResult): TestResult {
  const refs = refsOf(t);
  if (refs.length === 0) return t;
  return { ...t, samples: refs.flatMap((r) => r.log.read(r.offset, r.length).samples) };
}

/**
 * `JSON.stringify(fullOf(t))` without parsing and printing it again when `t` is one unchanged
 * record of a log: its line is that text already.
 */
export function fullJson(t: TestResult): string {
  const refs = refsOf(t);
  const only = refs.length === 1 ? refs[0] : undefined;
  return only ? only.log.readText(only.offset, only.length).trimEnd() : JSON.stringify(fullOf(t));
}
