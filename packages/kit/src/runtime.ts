import type { SourceLocation } from './errors.js';

/** Where messages go. Passed in, never imported, so a library logs through whichever front end runs it. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** A message pinned to a file and line: `::error file=…,line=…::` on a runner, `file:line:col: error:` in a terminal. */
export interface Annotation extends Partial<SourceLocation> {
  level: AnnotationLevel;
  message: string;
  title?: string;
  endLine?: number;
}

/** Feedback on long work: a bar in a terminal, a few log lines on a runner. */
export interface Progress {
  /** Advance by `n` units (default 1); `detail` names the current item. */
  tick(n?: number, detail?: string): void;
  /** Change the total once it is known. */
  setTotal(total: number): void;
  done(message?: string): void;
}

export type OutputValue = string | number | boolean | object;

/**
 * Everything a capability may touch of the world it runs in.
 * The same capability runs under GitHub Actions or in a terminal with a different implementation.
 */
export interface Runtime {
  readonly kind: 'actions' | 'cli';
  readonly log: Logger;
  /** The working directory inputs and config paths are relative to. */
  readonly cwd: string;
  /** The raw text of an input, or undefined when it is unset or empty. */
  input(name: string): string | undefined;
  /** Records one output; objects are serialised as JSON. */
  setOutput(name: string, value: OutputValue): void;
  /** Appends Markdown to the job summary. */
  appendSummary(markdown: string): Promise<void>;
  annotate(annotation: Annotation): void;
  /** Hides `value` from every later log line. Call it before anything could print the value. */
  setSecret(value: string): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  progress(label: string, total?: number): Progress;
}
