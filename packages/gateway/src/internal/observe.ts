import { StringDecoder } from 'node:string_decoder';

/** What the gateway learnt from an answer while passing it through untouched. */
export interface Observation {
  /** ms (performance.now) of the first chunk carrying output text; streams only. */
  firstTokenAt?: number;
  /** Output chunks carrying text (a token count when the backend sends no usage). */
  contentChunks: number;
  inputTokens?: number;
  outputTokens?: number;
  /** Streams: `data: [DONE]` arrived. */
  done: boolean;
  /** An error event inside a 200 stream, or an error body. */
  errorEvent: boolean;
  /** Answer text, when asked to capture it (shadow comparison). */
  text?: string;
}

const TEXT_LIMIT = 2000;
const BODY_LIMIT = 1024 * 1024;
/** A chunk carries output text: a non-empty `"content":"…"` (chat) or `"text":"…"` (completions). */
function hasText(payload: string): boolean {
  const c = payload.indexOf('"content":"');
  if (c !== -1 && payload.charCodeAt(c + 11) !== 34) return true;
  const t = payload.indexOf('"text":"');
  return t !== -1 && payload.charCodeAt(t + 8) !== 34;
}

function readUsage(obs: Observation, json: string): void {
  const usage = /"usage":\{([^}]*)\}/.exec(json)?.[1];
  if (!usage) return;
  const prompt = /"prompt_tokens":(\d+)/.exec(usage)?.[1];
  const completion = /"completion_tokens":(\d+)/.exec(usage)?.[1];
  if (prompt !== undefined) obs.inputTokens = Number(prompt);
  if (completion !== undefined) obs.outputTokens = Number(completion);
}

function appendText(obs: Observation, payload: string): void {
  if ((obs.text?.length ?? 0) >= TEXT_LIMIT) return;
  try {
    const parsed = JSON.parse(payload) as { choices?: { delta?: { content?: string }; message?: { content?: string }; text?: string }[] };
    const c = parsed.choices?.[0];
    const piece = c?.delta?.content ?? c?.message?.content ?? c?.text ?? '';
    obs.text = ((obs.text ?? '') + piece).slice(0, TEXT_LIMIT);
  } catch {
    // Not JSON: nothing to compare.
  }
}

/**
 * Watches a Server-Sent Events stream chunk by chunk without holding it back: it notes the first
 * token, `[DONE]`, error events and the usage chunk. Only lines are parsed, never the whole body.
 */
export class SseObserver {
  readonly obs: Observation = { contentChunks: 0, done: false, errorEvent: false };
  // Markers and numbers are ASCII, so latin1 (one char a byte, no split characters) is enough to
  // find them, and cheaper than UTF-8; only captured text needs real decoding.
  private readonly decoder: StringDecoder | undefined;
  private pending = '';
  constructor(private readonly captureText: boolean) {
    this.decoder = captureText ? new StringDecoder('utf8') : undefined;
  }

  chunk(data: Buffer): void {
    const decoded = this.decoder ? this.decoder.write(data) : data.toString('latin1');
    const text = this.pending === '' ? decoded : this.pending + decoded;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) this.line(text, start, nl);
      start = nl + 1;
    }
    this.pending = start === text.length ? '' : text.slice(start);
    // A runaway line without newline would grow forever; a real event is far smaller.
    if (this.pending.length > BODY_LIMIT) this.pending = '';
  }

  private line(text: string, start: number, end: number): void {
    if (!text.startsWith('data:', start)) return;
    const payload = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end).trimEnd();
    if (payload === '[DONE]') {
      this.obs.done = true;
      return;
    }
    if (payload.startsWith('{"error"') || /^\{\s*"error"\s*:/.test(payload)) {
      this.obs.errorEvent = true;
      return;
    }
    if (hasText(payload)) {
      this.obs.contentChunks++;
      if (this.obs.firstTokenAt === undefined) this.obs.firstTokenAt = performance.now();
      if (this.captureText) appendText(this.obs, payload);
    }
    if (payload.includes('"usage":{')) readUsage(this.obs, payload);
  }
}

/** Keeps a bounded copy of a JSON answer to read its usage (and text) once it ends. */
export class JsonObserver {
  readonly obs: Observation = { contentChunks: 0, done: false, errorEvent: false };
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly captureText: boolean) {}

  chunk(data: Buffer): void {
    if (this.size + data.length > BODY_LIMIT) return;
    this.chunks.push(data);
    this.size += data.length;
  }

  /** The body kept so far, as text. */
  body(): string {
    return Buffer.concat(this.chunks, this.size).toString('utf8');
  }

  end(): void {
    const body = this.body();
    // Usage sits at the end of OpenAI answers: search only the tail of big ones.
    readUsage(this.obs, body.length > 4096 ? body.slice(-4096) : body);
    if (this.obs.inputTokens === undefined && body.length > 4096) readUsage(this.obs, body);
    if (this.captureText) appendText(this.obs, body);
  }
}
