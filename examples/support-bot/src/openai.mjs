// Shapes of the OpenAI chat-completions protocol, as far as the example server speaks it:
// request validation, response and stream-chunk objects, error bodies and token counting.

import { randomBytes } from 'node:crypto';

const TOKEN_RE = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/**
 * Counts "tokens" the simple way: every run of letters/digits is one token and every other
 * non-space character (punctuation, symbols) is one token. Roles and message framing are not
 * counted. This is not a BPE tokenizer; it is stable, cheap and easy to check by hand.
 * @param {string} text
 * @returns {number}
 */
export function countTokens(text) {
  return (text.match(TOKEN_RE) ?? []).length;
}

/**
 * Keeps the first `max` tokens of a text (for max_tokens).
 * @param {string} text
 * @param {number} max  at least 1
 * @returns {{ text: string, truncated: boolean }}
 */
export function truncateTokens(text, max) {
  let n = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    if (++n < max) continue;
    const end = m.index + m[0].length;
    return { text: text.slice(0, end), truncated: /\S/.test(text.slice(end)) };
  }
  return { text, truncated: false };
}

/**
 * An OpenAI-style error body.
 * @param {string} message
 * @param {string} type   e.g. invalid_request_error, server_error
 * @param {string | null} code
 * @param {string | null} [param]
 */
export function errorBody(message, type, code, param = null) {
  return { error: { message, type, param, code } };
}

/** Thrown for a request the server refuses; carries the HTTP status and OpenAI error body. */
export class RequestError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {string | null} code
   * @param {string | null} [param]
   */
  constructor(status, message, code, param = null) {
    super(message);
    this.status = status;
    this.body = errorBody(message, status >= 500 ? 'server_error' : 'invalid_request_error', code, param);
  }
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/**
 * @typedef {object} ChatRequest
 * @property {{ role: string, content: unknown }[]} messages
 * @property {boolean} stream
 * @property {boolean} includeUsage
 * @property {number | undefined} maxTokens
 */

/**
 * Checks the parts of a chat-completions body the server uses and rejects what it cannot honour.
 * Unknown fields (temperature, top_p, …) are accepted and ignored, as a deterministic model has
 * nothing to do with them.
 * @param {unknown} body
 * @returns {ChatRequest}
 */
export function parseChatRequest(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RequestError(400, 'The request body must be a JSON object.', 'invalid_body');
  const b = /** @type {Record<string, any>} */ (body);
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw new RequestError(400, "Missing required parameter: 'messages' must be a non-empty array.", 'missing_required_parameter', 'messages');
  }
  b.messages.forEach((m, i) => {
    if (m === null || typeof m !== 'object' || !ROLES.has(m.role))
      throw new RequestError(400, `Invalid 'messages[${i}].role'.`, 'invalid_value', `messages[${i}].role`);
    const c = m.content;
    if (!(typeof c === 'string' || Array.isArray(c) || (c === null && m.role === 'assistant'))) {
      throw new RequestError(
        400,
        `Invalid 'messages[${i}].content': expected a string or an array of content parts.`,
        'invalid_type',
        `messages[${i}].content`,
      );
    }
  });
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== 'boolean')
    throw new RequestError(400, "Invalid 'stream': expected a boolean.", 'invalid_type', 'stream');
  if (b.n !== undefined && b.n !== null && b.n !== 1) throw new RequestError(400, "Only 'n': 1 is supported by this server.", 'unsupported_value', 'n');
  const max = b.max_completion_tokens ?? b.max_tokens;
  if (max !== undefined && max !== null && !(Number.isInteger(max) && max >= 1)) {
    throw new RequestError(400, "Invalid 'max_tokens': expected an integer >= 1.", 'invalid_value', 'max_tokens');
  }
  return { messages: b.messages, stream: b.stream === true, includeUsage: b.stream_options?.include_usage === true, maxTokens: max ?? undefined };
}

/**
 * Text of one message's content, whether a string or text parts.
 * @param {unknown} content
 * @returns {string}
 */
export function contentText(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (p !== null && typeof p === 'object' && p.type === 'text' ? String(p.text ?? '') : '')).join(' ');
}

/**
 * Token usage of one exchange.
 * @param {{ content: unknown }[]} messages
 * @param {string} completion
 */
export function usageOf(messages, completion) {
  const prompt = messages.reduce((sum, m) => sum + countTokens(contentText(m.content)), 0);
  const done = countTokens(completion);
  return { prompt_tokens: prompt, completion_tokens: done, total_tokens: prompt + done };
}

/**
 * Fields shared by a completion and its stream chunks.
 * @param {string} model
 * @param {string} fingerprint
 */
export function completionBase(model, fingerprint) {
  return { id: `chatcmpl-${randomBytes(12).toString('hex')}`, created: Math.floor(Date.now() / 1000), model, system_fingerprint: `fp_${fingerprint}` };
}

/**
 * A non-streaming chat.completion object.
 * @param {ReturnType<typeof completionBase>} base
 * @param {string} text
 * @param {'stop' | 'length'} finishReason
 * @param {ReturnType<typeof usageOf>} usage
 */
export function completion(base, text, finishReason, usage) {
  const message = { role: 'assistant', content: text, refusal: null };
  return { ...base, object: 'chat.completion', choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }], usage };
}

/**
 * The chat.completion.chunk objects of a streamed reply: a role chunk, one chunk per word
 * (with its trailing space, so that the contents concatenate back to the exact text), a chunk
 * with finish_reason, and, when asked for, a usage chunk with no choices.
 * @param {ReturnType<typeof completionBase>} base
 * @param {string} text
 * @param {'stop' | 'length'} finishReason
 * @param {ReturnType<typeof usageOf> | undefined} usage  given only when include_usage is set
 * @returns {object[]}
 */
export function chunks(base, text, finishReason, usage) {
  const head = { ...base, object: 'chat.completion.chunk' };
  const extra = usage === undefined ? {} : { usage: null };
  /** @param {object} delta @param {string | null} finish */
  const choice = (delta, finish) => ({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra });
  const pieces = text.match(/\s*\S+\s*/g) ?? [];
  return [
    choice({ role: 'assistant', content: '' }, null),
    ...pieces.map((piece) => choice({ content: piece }, null)),
    choice({}, finishReason),
    ...(usage === undefined ? [] : [{ ...head, choices: [], usage }]),
  ];
}
