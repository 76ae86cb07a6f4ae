import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@slipway/kit';
import { redactor } from './redact.js';

/** One sampled exchange as drift monitoring reads it: sizes, tokens and the (redacted, cut) texts. */
export interface RequestLogEntry {
  time: string;
  id: string;
  route: string;
  variant: string;
  backend: string;
  operation: string;
  model?: string;
  status: number;
  ok: boolean;
  error?: string;
  latencyMs: number;
  ttftMs?: number;
  inputTokens: number;
  outputTokens: number;
  /** Characters of the whole prompt and answer, before any cut. */
  promptChars: number;
  outputChars?: number;
  prompt?: string;
  output?: string;
}

/** What the proxy hands over when a sampled request finishes. */
export interface RequestLogInput extends Omit<RequestLogEntry, 'time' | 'promptChars' | 'outputChars' | 'prompt' | 'output'> {
  at: number;
  body: string;
  /** The answer text the observer captured (cut at its own limit), if any. */
  output: string | undefined;
}

export interface RequestLogOptions {
  sampleRate: number;
  redact: readonly string[];
  /** Append one JSON line per sampled exchange here. */
  file?: string | undefined;
  /** Keep prompt and answer text (redacted); off keeps only sizes and tokens. */
  captureText: boolean;
  maxTextChars: number;
  /** Entries kept in memory for `GET /admin/requests`. */
  keep: number;
}

/** The text a model was asked: chat messages' content joined, or a completion prompt. */
export function promptText(body: string): string {
  try {
    const json = JSON.parse(body) as { messages?: { content?: unknown }[]; prompt?: unknown; input?: unknown };
    if (Array.isArray(json.messages)) {
      return json.messages
        .map((m) =>
          typeof m.content === 'string'
            ? m.content
            : Array.isArray(m.content)
              ? m.content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join(' ')
              : '',
        )
        .join('\n');
    }
    if (typeof json.prompt === 'string') return json.prompt;
    if (typeof json.input === 'string') return json.input;
    return '';
  } catch {
    return body;
  }
}

/**
 * The sampled request log: opt-in (`requestLog` in gateway.yml), sampled, redacted. Each entry goes
 * to a JSONL file when one is set (else to the log, as one `requestLog` line), and into a bounded
 * ring that `GET /admin/requests` serves to `slipway monitor`.
 */
export class RequestLog {
  private readonly redact: (text: string) => string;
  private readonly ring: RequestLogEntry[] = [];
  private fileBroken = false;

  constructor(
    private readonly o: RequestLogOptions,
    private readonly log: Logger,
  ) {
    this.redact = redactor(o.redact);
    if (o.file) mkdirSync(path.dirname(path.resolve(o.file)), { recursive: true });
  }

  /** Draws whether this request is logged. */
  sampled(): boolean {
    return this.o.sampleRate > 0 && Math.random() < this.o.sampleRate;
  }

  record(input: RequestLogInput): void {
    const { at, body, output, ...rest } = input;
    const prompt = promptText(body);
    const cut = (t: string) => this.redact(t.length > this.o.maxTextChars ? t.slice(0, this.o.maxTextChars) : t);
    const entry: RequestLogEntry = {
      time: new Date(at).toISOString(),
      ...rest,
      promptChars: prompt.length,
      ...(output !== undefined ? { outputChars: output.length } : {}),
      ...(this.o.captureText ? { prompt: cut(prompt) } : {}),
      ...(this.o.captureText && output !== undefined ? { output: cut(output) } : {}),
    };
    this.ring.push(entry);
    if (this.ring.length > this.o.keep) this.ring.splice(0, this.ring.length - this.o.keep);
    const line = JSON.stringify(entry);
    if (this.o.file && !this.fileBroken) {
      try {
        // Appends of one line are atomic enough for a log, and sampled traffic is light.
        appendFileSync(this.o.file, `${line}\n`);
      } catch (error) {
        this.fileBroken = true;
        this.log.warn(`gateway: request log file ${this.o.file} is not writable, logging there stops: ${(error as Error).message}`);
      }
    } else if (!this.o.file) this.log.info(JSON.stringify({ requestLog: true, ...entry }));
  }

  /** The newest entries within `windowMs`, oldest first, at most `limit`. */
  entries(windowMs: number, limit: number): RequestLogEntry[] {
    const since = Date.now() - windowMs;
    const out = this.ring.filter((e) => Date.parse(e.time) >= since);
    return out.slice(Math.max(0, out.length - limit));
  }
}
