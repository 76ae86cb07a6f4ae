import type { SourceLocation } from '@slipway/kit';

/** The dataset layouts we read: OpenAI chat, prompt/completion, and eval-style exchanges (`messages` + `expected`). */
export const DATA_FORMATS = ['chat', 'completion', 'exchange'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

export interface ChatMessage {
  role: string;
  content: string;
  /** OpenAI's per-message training weight (0 or 1) on assistant messages. */
  weight?: number;
  name?: string;
}

/** One usable training example, whatever its layout, with where it came from. */
export interface Example {
  file: string;
  line: number;
  format: DataFormat;
  /** The conversation as OpenAI would train on it: the reply to learn is the last assistant message. */
  messages: ChatMessage[];
  /** Everything before the reply, as text: what leakage is measured on. */
  prompt: string;
  /** The reply to learn. */
  completion: string;
  /** The raw line, for writing splits back out unchanged. */
  raw: string;
}

export type Severity = 'error' | 'warning';

export interface DataProblem {
  severity: Severity;
  /** A short kind, for grouping in the report: schema, duplicate, leakage, secret, pii, tokens. */
  kind: string;
  message: string;
  location: SourceLocation & { line: number };
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/**
 * Parses one JSONL file into examples and schema problems (file:line each). A line that does not
 * fit its format is a problem, never an exception; mixed formats in one file are refused.
 */
export function parseJsonl(file: string, text: string, expect?: DataFormat): { examples: Example[]; problems: DataProblem[] } {
  const examples: Example[] = [];
  const problems: DataProblem[] = [];
  let seen: DataFormat | undefined = expect;
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const raw = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (raw.trim() === '') {
      if (end === text.length) break;
      continue;
    }
    const at = { file, line: lineNo };
    const fail = (message: string) => problems.push({ severity: 'error', kind: 'schema', message, location: at });
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (error) {
      fail(`not valid JSON (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      fail('each line must be a JSON object');
      continue;
    }
    const obj = row as Record<string, unknown>;
    const format = detect(obj);
    if (!format) {
      fail('neither {"messages": [...]} (chat), {"prompt", "completion"} nor {"messages", "expected"} (exchange)');
      continue;
    }
    if (seen && format !== seen) {
      fail(`a ${format} line in a ${seen} file: keep one format per file`);
      continue;
    }
    seen ??= format;
    const parsed = format === 'completion' ? completion(obj) : chat(obj, format);
    if (typeof parsed === 'string') {
      fail(parsed);
      continue;
    }
    examples.push({ file, line: lineNo, format, raw, ...parsed });
  }
  return { examples, problems };
}

function detect(obj: Record<string, unknown>): DataFormat | undefined {
  if ('messages' in obj) return typeof obj.expected === 'string' || typeof obj.answer === 'string' ? 'exchange' : 'chat';
  if ('prompt' in obj || 'completion' in obj) return 'completion';
  return undefined;
}

function completion(obj: Record<string, unknown>): Omit<Example, 'file' | 'line' | 'format' | 'raw'> | string {
  const { prompt, completion: reply } = obj;
  if (typeof prompt !== 'string') return '"prompt" must be a string';
  if (typeof reply !== 'string') return '"completion" must be a string';
  if (reply.trim() === '') return '"completion" is empty: nothing to learn';
  return {
    messages: [
      { role: 'user', content: prompt },
      { role: 'assistant', content: reply },
    ],
    prompt,
    completion: reply,
  };
}

/** Text of a message's content: a string, or OpenAI's array of `{type: "text", text}` parts. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts = content.map((p) =>
      p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : undefined,
    );
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}

function chat(obj: Record<string, unknown>, format: 'chat' | 'exchange'): Omit<Example, 'file' | 'line' | 'format' | 'raw'> | string {
  const list = obj.messages;
  if (!Array.isArray(list) || list.length === 0) return '"messages" must be a non-empty array';
  const messages: ChatMessage[] = [];
  for (const [i, m] of list.entries()) {
    const where = `messages[${i}]`;
    if (m === null || typeof m !== 'object') return `${where} must be an object with role and content`;
    const { role, content, weight, name, tool_calls: toolCalls } = m as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.has(role)) return `${where}.role is ${JSON.stringify(role ?? null)}; use one of ${[...ROLES].join(', ')}`;
    const text = contentText(content);
    if (text === undefined && !(role === 'assistant' && Array.isArray(toolCalls))) return `${where}.content must be a string or an array of text parts`;
    if (weight !== undefined && weight !== 0 && weight !== 1) return `${where}.weight must be 0 or 1`;
    if (weight !== undefined && role !== 'assistant') return `${where}.weight is only allowed on assistant messages`;
    messages.push({ role, content: text ?? '', ...(weight !== undefined ? { weight } : {}), ...(typeof name === 'string' ? { name } : {}) });
  }
  // System (or developer) instructions lead the conversation; anywhere else they are a mistake.
  const firstOther = messages.findIndex((m) => m.role !== 'system' && m.role !== 'developer');
  const lateSystem = messages.findIndex((m, i) => i > firstOther && firstOther >= 0 && (m.role === 'system' || m.role === 'developer'));
  if (lateSystem >= 0) return `messages[${lateSystem}] is a ${messages[lateSystem]?.role} message after the conversation started; put instructions first`;
  if (firstOther < 0) return 'only system messages: add a user message and the assistant reply';
  if (messages[firstOther]?.role !== 'user') return `messages[${firstOther}] is ${messages[firstOther]?.role}: the conversation must start with a user message`;
  // user and assistant alternate; tool results follow an assistant turn and are answered by an assistant.
  for (let i = firstOther + 1; i < messages.length; i++) {
    const prev = messages[i - 1]?.role;
    const role = messages[i]?.role;
    if (role === prev && role !== 'tool') return `messages[${i}] is a second ${role} message in a row: user and assistant must alternate`;
    if (role === 'tool' && prev !== 'assistant' && prev !== 'tool') return `messages[${i}] is a tool result that does not follow an assistant tool call`;
  }
  for (const [i, m] of messages.entries()) if (m.content.trim() === '' && m.role !== 'assistant') return `messages[${i}] (${m.role}) is empty`;
  if (format === 'exchange') {
    const expected = (typeof obj.expected === 'string' ? obj.expected : obj.answer) as string;
    if (messages.at(-1)?.role !== 'user') return 'with "expected", the messages must end with the user question';
    if (expected.trim() === '') return '"expected" is empty: nothing to learn';
    return { messages: [...messages, { role: 'assistant', content: expected }], prompt: promptText(messages), completion: expected };
  }
  const last = messages.at(-1) as ChatMessage;
  if (last.role !== 'assistant') return `the last message is ${last.role}: end with the assistant reply to learn`;
  if (last.content.trim() === '' || last.weight === 0) return 'the last assistant message is empty or has weight 0: nothing to learn';
  return { messages, prompt: promptText(messages.slice(0, -1)), completion: last.content };
}

function promptText(messages: readonly ChatMessage[]): string {
  return messages.map((m) => m.content).join('\n');
}
