/** USD per million tokens for well-known models, used when a provider sets no `price`. Values as published by the vendors in 2025. */
export const PRICE_TABLE: Record<string, { input: number; output: number }> = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'claude-3-5-haiku-latest': { input: 0.8, output: 4 },
  'claude-3-5-sonnet-latest': { input: 3, output: 15 },
  'claude-sonnet-4-0': { input: 3, output: 15 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
};

/** Cost in USD of one call. */
export function costOf(price: { input: number; output: number } | undefined, model: string, promptTokens: number, completionTokens: number): number {
  const p = price ?? PRICE_TABLE[model];
  if (!p) return 0;
  return (promptTokens * p.input + completionTokens * p.output) / 1e6;
}
