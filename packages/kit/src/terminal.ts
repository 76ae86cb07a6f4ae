import { writeFile } from 'node:fs/promises';
import { Redactor } from './redact.js';
import type { Annotation, OutputValue, Progress, Runtime } from './runtime.js';

export interface TerminalOptions {
  /** Values for `runtime.input(name)`, e.g. from CLI flags. */
  inputs?: Record<string, string | undefined>;
  cwd?: string;
  /** Machine mode: logs stay on stderr, nothing decorative is drawn. */
  json?: boolean;
  /** Also write the Markdown summary to this file. */
  summaryFile?: string;
  verbose?: boolean;
  quiet?: boolean;
  /** Injected for tests. */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
}

/** What a terminal run collected, for printing or `--json`. */
export interface TerminalRuntime extends Runtime {
  readonly outputs: Record<string, OutputValue>;
  readonly summary: string;
  readonly annotations: readonly Annotation[];
  /** Writes the summary to `summaryFile` when one was given. */
  flush(): Promise<void>;
}

/** Colours only when a person is watching: a TTY, unless NO_COLOR; FORCE_COLOR wins. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const CODES = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof CODES;

/** Returns a painter that wraps text in ANSI codes, or leaves it alone when colour is off. */
export function painter(enabled: boolean): (color: Color, text: string) => string {
  return (color, text) => (enabled ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text);
}

/** The terminal front end: logs and annotations on stderr (with secrets masked), outputs kept for the caller. */
export function createTerminalRuntime(options: TerminalOptions = {}): TerminalRuntime {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? process.stderr;
  const paint = painter(!options.json && colorEnabled(stderr, env));
  const redactor = new Redactor();
  const outputs: Record<string, OutputValue> = {};
  const annotations: Annotation[] = [];
  let summary = '';
  let bar: TerminalProgress | undefined;
  let depth = 0;

  const write = (line: string) => {
    bar?.clear();
    stderr.write(`${'  '.repeat(depth)}${redactor.redact(line)}\n`);
    bar?.render();
  };

  const runtime: TerminalRuntime = {
    kind: 'cli',
    cwd: options.cwd ?? process.cwd(),
    outputs,
    annotations,
    get summary() {
      return summary;
    },
    log: {
      debug: (m) => {
        if (options.verbose) write(paint('dim', m));
      },
      info: (m) => {
        if (!options.quiet) write(m);
      },
      warn: (m) => write(`${paint('yellow', 'warning')} ${m}`),
      error: (m) => write(`${paint('red', 'error')} ${m}`),
    },
    input: (name) => {
      const v = options.inputs?.[name];
      return v === undefined || v === '' ? undefined : v;
    },
    setOutput(name, value) {
      outputs[name] = value;
    },
    async appendSummary(markdown) {
      summary += markdown.endsWith('\n') ? markdown : `${markdown}\n`;
    },
    annotate(a) {
      annotations.push(a);
      const where = a.file ? `${[a.file, a.line, a.column].filter((x) => x !== undefined).join(':')}: ` : '';
      const color = a.level === 'error' ? 'red' : a.level === 'warning' ? 'yellow' : 'cyan';
      write(`${where}${paint(color, a.level)}: ${a.title ? `${a.title}: ` : ''}${a.message}`);
    },
    setSecret: (value) => redactor.add(value),
    async group(name, fn) {
      write(paint('bold', name));
      depth++;
      try {
        return await fn();
      } finally {
        depth--;
      }
    },
    progress(label, total) {
      const interactive = !options.json && !options.quiet && stderr.isTTY === true;
      const p = new TerminalProgress(label, total ?? 0, interactive ? stderr : undefined, paint, () => {
        bar = undefined;
      });
      if (interactive) bar = p;
      return p;
    },
    async flush() {
      if (options.summaryFile) await writeFile(options.summaryFile, redactor.redact(summary));
    },
  };
  return runtime;
}

/** A one-line bar redrawn in place at most ten times a second. */
class TerminalProgress implements Progress {
  private done_ = 0;
  private detail = '';
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly out: (NodeJS.WritableStream & { columns?: number }) | undefined,
    private readonly paint: ReturnType<typeof painter>,
    private readonly onDone: () => void,
  ) {}

  tick(n = 1, detail?: string): void {
    this.done_ += n;
    if (detail !== undefined) this.detail = detail;
    const now = Date.now();
    if (now - this.lastDraw >= 100) {
      this.lastDraw = now;
      this.render();
    }
  }

  setTotal(total: number): void {
    this.total = total;
  }

  render(): void {
    if (!this.out) return;
    const width = 24;
    const frac = this.total > 0 ? Math.min(1, this.done_ / this.total) : 0;
    const filled = Math.round(frac * width);
    const bar = `${this.paint('green', '█'.repeat(filled))}${this.paint('dim', '░'.repeat(width - filled))}`;
    const count = this.total > 0 ? `${this.done_}/${this.total}` : `${this.done_}`;
    const line = `${this.label} ${bar} ${count} ${this.detail}`;
    const cols = this.out.columns ?? 100;
    this.out.write(`\r${line.slice(0, cols + 40)}\u001b[K`);
  }

  clear(): void {
    this.out?.write('\r\u001b[K');
  }

  done(message?: string): void {
    this.clear();
    this.onDone();
    if (this.out && message) this.out.write(`${this.label}: ${message}\n`);
  }
}
