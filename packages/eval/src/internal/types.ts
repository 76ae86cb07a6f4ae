import type { AssertionSpec } from './suite-schema.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Prompt {
  id: string;
  messages: ChatMessage[];
}

/** A provider with every default applied; the API key, if any, is already masked. */
export interface ProviderConfig {
  label: string;
  type: 'openai' | 'anthropic' | 'http' | 'command';
  model: string;
  baseUrl: string;
  apiKey?: string;
  params: Record<string, unknown>;
  stream: boolean;
  concurrency: number;
  /** The suite set `concurrency` itself (otherwise the run's concurrency applies). */
  concurrencySet?: boolean;
  rpm?: number;
  tpm?: number;
  timeoutMs: number;
  retries: number;
  price?: { input: number; output: number };
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  /** openai: query parameters on every call (Azure OpenAI's api-version). */
  query?: Record<string, string>;
  /** openai: the header that carries the key (Azure OpenAI: api-key); default Authorization: Bearer. */
  apiKeyHeader?: string;
  body?: unknown;
  responsePath?: string;
  command?: string;
}

/** One test of a suite: a prompt rendered with its variables, checked by its assertions. */
export interface TestCase {
  /** Position in the suite (after prompt expansion): the stable order of every report. */
  index: number;
  /** Stable id: pairs the test with its baseline across runs and shards. */
  id: string;
  description: string;
  promptId: string;
  vars: Record<string, unknown>;
  expected?: string;
  tags: string[];
  assert: AssertionSpec[];
  threshold?: number;
  repeat: number;
  /** 1-based line of the test in the suite file, for annotations. */
  line: number;
}

export interface Suite {
  file: string;
  description: string;
  prompts: Prompt[];
  providers: ProviderConfig[];
  tests: TestCase[];
}

/** What a provider answered. */
export interface ProviderResponse {
  output: string;
  latencyMs: number;
  ttftMs?: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
}

export interface AssertionResult {
  type: string;
  pass: boolean;
  score: number;
  /** Why it failed (or the measured value); plain text, escaped by whoever renders it. */
  message: string;
  metric?: string;
  weight: number;
}

/** One sample: one call of one provider for one test. */
export interface SampleResult {
  output: string;
  pass: boolean;
  score: number;
  assertions: AssertionResult[];
  latencyMs: number;
  ttftMs?: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
  cached: boolean;
  error?: string;
}

/** A test's result for one provider, over its repeats. */
export interface TestResult {
  index: number;
  id: string;
  description: string;
  provider: string;
  tags: string[];
  line: number;
  vars: Record<string, unknown>;
  /** skipped: not run (budget, cache-only miss, shard); error: the provider failed every time. */
  status: 'pass' | 'fail' | 'error' | 'skipped';
  skipReason?: string;
  /** Share of samples that passed. */
  passRate: number;
  /** Mean weighted score over samples. */
  score: number;
  /** Samples disagree: some pass, some fail. */
  flaky: boolean;
  /** Mean score of each named metric over the samples. */
  metrics: Record<string, number>;
  samples: SampleResult[];
}

export interface RunTotals {
  tests: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  passRate: number;
  cost: number;
  promptTokens: number;
  completionTokens: number;
  latencyP50: number;
  latencyP95: number;
  cacheHits: number;
  calls: number;
  durationMs: number;
}

export const RESULTS_SCHEMA = 'slipway.eval.results/v1';

/** The results file: versioned, one per run or shard. */
export interface EvalResults {
  schema: typeof RESULTS_SCHEMA;
  suite: { file: string; description: string; tests: number };
  createdAt: string;
  git?: { sha?: string; ref?: string };
  providers: string[];
  shard?: { index: number; count: number };
  /** True when a budget or cancellation stopped the run early; `partialReason` says which. */
  partial: boolean;
  partialReason?: string;
  totals: RunTotals;
  tests: TestResult[];
}
