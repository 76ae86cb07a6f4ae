import type { Example } from './parse.js';

/** How tokens were counted: exactly, with the model's own BPE encoding, or estimated. */
export interface TokenCounter {
  /** `o200k_base` / `cl100k_base`, or `approximate (4 characters per token)`. */
  encoding: string;
  exact: boolean;
  count(text: string): number;
}

/** The encoding OpenAI uses for a model family; undefined for models that are not OpenAI's. */
export function encodingFor(model: string): 'o200k_base' | 'cl100k_base' | undefined {
  const m = model.replace(/^ft:/, '').toLowerCase();
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/.test(m)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|babbage-002|davinci-002)/.test(m)) return 'cl100k_base';
  return undefined;
}

/**
 * A counter for `model`: js-tiktoken's BPE for OpenAI models (exact, as the API bills), else a
 * labelled estimate of one token per 4 characters (OpenAI's own rule of thumb for English).
 */
export async function tokenCounter(model: string | undefined): Promise<TokenCounter> {
  const encoding = model ? encodingFor(model) : undefined;
  if (!encoding) return { encoding: 'approximate (4 characters per token)', exact: false, count: (t) => Math.ceil(t.length / 4) };
  const { Tiktoken } = await import('js-tiktoken/lite');
  // Loaded on demand: each rank table is a few MB, and only one is needed.
  const ranks = encoding === 'o200k_base' ? (await import('js-tiktoken/ranks/o200k_base')).default : (await import('js-tiktoken/ranks/cl100k_base')).default;
  const enc = new Tiktoken(ranks);
  // The BPE works on the pieces the encoding's regex splits text into, each on its own: a piece's
  // count never depends on its neighbours, so counts are memoised per piece. Words repeat, and
  // this makes counting several times faster with exactly the same result.
  const pieces = new RegExp(ranks.pat_str, 'gu');
  const memo = new Map<string, number>();
  const count = (t: string): number => {
    if (t.includes('<|')) return enc.encode(t, 'all').length;
    let n = 0;
    for (const m of t.matchAll(pieces)) {
      const piece = m[0];
      let c = memo.get(piece);
      if (c === undefined) {
        c = enc.encode(piece, 'all').length;
        if (memo.size >= 1_000_000) memo.clear();
        memo.set(piece, c);
      }
      n += c;
    }
    return n;
  };
  return { encoding, exact: true, count };
}

/**
 * Billed tokens of one chat example, framed as the chat format frames it: 3 tokens per message,
 * 1 more for a name, and 3 that prime the reply (OpenAI's published counting recipe).
 */
export function exampleTokens(counter: TokenCounter, ex: Example): number {
  let n = 3;
  for (const m of ex.messages) {
    n += 3 + counter.count(m.role) + counter.count(m.content);
    if (m.name) n += 1 + counter.count(m.name);
  }
  return n;
}

/** Training prices in USD per million tokens, from OpenAI's pricing page (November 2026); `train.price` overrides. */
export const TRAINING_PRICES: readonly [RegExp, number][] = [
  [/^gpt-4o-mini/, 3],
  [/^gpt-4o/, 25],
  [/^gpt-4\.1-nano/, 1.5],
  [/^gpt-4\.1-mini/, 5],
  [/^gpt-4\.1/, 25],
  [/^gpt-3\.5-turbo/, 8],
  [/^(babbage-002)/, 0.4],
  [/^(davinci-002)/, 6],
];

/** USD per million training tokens for `model`, or undefined when we have no price for it. */
export function trainingPrice(model: string | undefined): number | undefined {
  if (!model) return undefined;
  const m = model.replace(/^ft:/, '').toLowerCase();
  return TRAINING_PRICES.find(([re]) => re.test(m))?.[1];
}
