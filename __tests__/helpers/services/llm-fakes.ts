/**
 * The deterministic "model" behind the scripted LLM server: tokenizer, embeddings, seeded PRNG and
 * reply scripts. Kept apart from the HTTP plumbing so tests can compute expected values directly.
 */
import { createHash } from 'node:crypto';
import { mulberry32 } from '@slipway/stats';

// A token is a run of letters/digits/underscore, or any single other non-space character. Crude, but
// stable, dependency-free and easy to reason about in assertions ("a, b" → ["a", ",", "b"]).
const TOKEN = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/** Splits text into tokens on whitespace and punctuation (each punctuation mark is its own token). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Number of tokens {@link tokenize} finds; what the server reports in `usage`. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}

/**
 * Cuts text into streaming pieces, one token each with the whitespace before it, so that joining the
 * pieces gives back exactly `text` (trailing whitespace rides on the last piece).
 */
export function streamPieces(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const match of text.matchAll(TOKEN)) {
    const end = match.index + match[0].length;
    pieces.push(text.slice(from, end));
    from = end;
  }
  if (from < text.length) {
    if (pieces.length === 0) pieces.push(text.slice(from));
    else pieces[pieces.length - 1] += text.slice(from);
  }
  return pieces;
}

/** Keeps the first `maxTokens` tokens of `text` (with the text between them) and reports whether it cut. */
export function truncateTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  let count = 0;
  for (const match of text.matchAll(TOKEN)) {
    count++;
    if (count === maxTokens) {
      const end = match.index + match[0].length;
      const truncated = end < text.trimEnd().length;
      return { text: truncated ? text.slice(0, end) : text, truncated };
    }
  }
  return maxTokens <= 0 && text.length > 0 ? { text: '', truncated: true } : { text, truncated: false };
}

/**
 * A deterministic unit-length embedding of `text`: SHA-256 in counter mode gives `dimensions` values
 * in [-1, 1], which are then L2-normalised. Same text and dimension → same vector, in any process.
 */
export function embedText(text: string, dimensions: number): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}\0${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && raw.length < dimensions; offset += 4) {
      raw.push((digest.readUInt32BE(offset) / 0xffffffff) * 2 - 1);
    }
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => value / norm);
}

/** A seeded PRNG, so "errorRate: 0.3" fails the same requests on every run. */
export const seededRandom = mulberry32;

/** What a reply function sees. */
export interface ReplyContext {
  endpoint: 'chat' | 'completions';
  /** Text of the last `user` message (chat) or the prompt (completions). */
  lastUserMessage: string;
  /** The parsed request body. */
  body: Record<string, unknown>;
  /** 0-based count of completion requests answered before this one. */
  index: number;
}

/**
 * Scripted replies: a function; a list consumed in order; or a Map / plain object from the last user
 * message (exact string, or RegExp in a Map) to the reply. When a list is used up or nothing matches,
 * the server falls back to its default `echo: <last user message>`.
 */
export type ReplyScript = ((request: ReplyContext) => string) | readonly string[] | ReadonlyMap<string | RegExp, string> | Readonly<Record<string, string>>;

/** Picks the scripted reply for a request; `cursor` tracks how far a list has been consumed. */
export function pickReply(script: ReplyScript | undefined, context: ReplyContext, cursor: { next: number }): string {
  const fallback = `echo: ${context.lastUserMessage}`;
  if (script === undefined) return fallback;
  if (typeof script === 'function') return script(context);
  if (isList(script)) return script[cursor.next++] ?? fallback;
  const entries: Iterable<[string | RegExp, string]> = script instanceof Map ? script.entries() : Object.entries(script);
  for (const [key, reply] of entries) {
    if (typeof key === 'string') {
      if (key === context.lastUserMessage) return reply;
    } else {
      key.lastIndex = 0; // A /g or /y pattern would otherwise remember where the previous test stopped.
      if (key.test(context.lastUserMessage)) return reply;
    }
  }
  return fallback;
}

function isList(script: ReplyScript): script is readonly string[] {
  return Array.isArray(script);
}

/** Text of a chat message's `content`, whether a string or an array of `{ type: 'text', text }` parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : ''))
    .join('');
}
