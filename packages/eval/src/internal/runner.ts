import { setMaxListeners } from 'node:events';
import type { Runtime } from '@slipway/kit';
import { type GradingServices, runAssertion } from './assertions.js';
import { type CacheMode, ResponseCache } from './cache.js';
import { createProvider, type Provider } from './providers/provider.js';
import type { ResultsLog } from './results-log.js';
import { type Shard, selectShard } from './shard.js';
import { renderTemplate } from './template.js';
import {
  type ChatMessage,
  type EvalResults,
  type ProviderConfig,
  type ProviderResponse,
  RESULTS_SCHEMA,
  type RunTotals,
  type SampleResult,
  type Suite,
  type TestCase,
  type TestResult,
} from './types.js';

export interface RunOptions {
  /** Calls in flight across all providers (each provider also keeps its own limit). */
  concurrency?: number;
  /** Samples per test unless the test sets `repeat`. */
  repeats?: number;
  cacheDir?: string;
  cacheMode?: CacheMode;
  /** Stop cleanly once this much USD is spent; results are marked partial. */
  maxCost?: number;
  /** Stop cleanly after this many milliseconds; results are marked partial. */
  maxDurationMs?: number;
  shard?: Shard;
  /** Past duration per test id, to balance shards. */
  timings?: Record<string, number>;
  /** Judge for llm-rubric, embeddings for similar. */
  judge?: ProviderConfig;
  embeddings?: ProviderConfig;
  /** Only these test ids (adaptive reruns). */
  only?: ReadonlySet<string>;
  /** Repeat indexes start here (adaptive reruns add samples 5, 6, … to earlier 0–4). */
  repeatOffset?: number;
  signal?: AbortSignal;
  git?: { sha?: string; ref?: string };
  /**
   * Streams each finished test to this log and keeps only a compact copy in memory, so memory
   * stays flat as suites grow; read the full records back with `fullOf`.
   */
  log?: ResultsLog;
}

/**
 * Runs every test of the suite (or of one shard) against every provider: repeats, caching,
 * budgets and assertions. Results come back in suite order whatever finished first.
 */
export async function runSuite(rt: Runtime, suite: Suite, options: RunOptions = {}): Promise<EvalResults> {
  const started = performance.now();
  const cache = new ResponseCache(options.cacheDir ?? '.slipway/eval-cache', options.cacheDir ? (options.cacheMode ?? 'use') : 'off');
  // A run-wide --concurrency also lifts the per-provider default, so one flag is enough to go wide.
  const providers = suite.providers.map((p) =>
    createProvider(options.concurrency && !p.concurrencySet ? { ...p, concurrency: options.concurrency } : p, rt.log),
  );
  const judge = options.judge ? createProvider(options.judge, rt.log) : undefined;
  const embedder = options.embeddings ? createProvider(options.embeddings, rt.log) : undefined;
  let tests = options.shard ? selectShard(suite.tests, options.shard, options.timings) : suite.tests;
  if (options.only) tests = tests.filter((t) => options.only?.has(t.id));

  const stop = new AbortController();
  // Every call in flight listens on it; that is by design, not a leak.
  setMaxListeners(0, stop.signal);
  let partialReason: string | undefined;
  const halt = (reason: string) => {
    if (stop.signal.aborted) return;
    partialReason = reason;
    stop.abort(new Error(reason));
  };
  options.signal?.addEventListener('abort', () => halt('cancelled'), { once: true });
  const timer = options.maxDurationMs
    ? setTimeout(() => halt(`time budget of ${budgetText(options.maxDurationMs ?? 0)} reached`), options.maxDurationMs)
    : undefined;
  timer?.unref();
  let spent = 0;

  const total = tests.length * providers.length;
  const progress = rt.progress(`eval ${suite.file}`, total);
  const services = (): GradingServices => ({
    ...(judge
      ? {
          judge: async (prompt: string, vote: number) => {
            const key = ResponseCache.key({ judge: judge.config.label, model: judge.config.model, params: judge.config.params, prompt, vote });
            const hit = await cache.get<string>('judge', key);
            if (hit !== undefined) return hit;
            if (cache.mode === 'only') throw new Error('judge verdict not in the cache (--cache-only)');
            const r = await judge.complete([{ role: 'user', content: prompt }], { signal: stop.signal });
            spent += r.cost;
            await cache.set('judge', key, r.output);
            return r.output;
          },
        }
      : {}),
    ...(embedder ? { embed: (texts: string[]) => embedder.embed(texts, stop.signal) } : {}),
  });

  const offset = options.repeatOffset ?? 0;
  const results: TestResult[] = [];
  const skipped: { reason: string; count: number }[] = [];
  // A fixed pool of workers pulls (test, provider) jobs in order: memory stays flat however many tests there are.
  const jobs = tests.flatMap((test) => providers.map((provider) => ({ test, provider })));
  let next = 0;
  const worker = async () => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      const { test, provider } = job;
      const count = options.repeats ?? test.repeat;
      const samples = await Promise.all(
        Array.from({ length: count }, (_, r) =>
          // Calls are bounded by each provider's slots; the worker pool bounds the tests in progress.
          (async (): Promise<SampleResult | string> => {
            if (stop.signal.aborted) return partialReason ?? 'stopped';
            const sample = await runSample(provider, test, suite, offset + r, cache, services(), stop.signal);
            if (typeof sample !== 'string') {
              spent += sample.cost;
              if (options.maxCost !== undefined && spent >= options.maxCost) halt(`cost budget of $${options.maxCost} reached`);
            }
            return sample;
          })(),
        ),
      );
      progress.tick();
      const result = toTestResult(test, provider.config.label, samples);
      if (options.log) {
        const { compact, drained } = options.log.append(result);
        results.push(compact);
        if (drained) await drained;
      } else results.push(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs.length, (options.concurrency ?? 16) * 2) }, worker));
  if (timer) clearTimeout(timer);
  await options.log?.flush();
  progress.done();
  const order = new Map(suite.providers.map((p, i) => [p.label, i]));
  results.sort((a, b) => a.index - b.index || (order.get(a.provider) ?? 0) - (order.get(b.provider) ?? 0));
  for (const t of results) if (t.status === 'skipped' && t.skipReason) skipped.push({ reason: t.skipReason, count: 1 });
  const out: EvalResults = {
    schema: RESULTS_SCHEMA,
    suite: { file: suite.file, description: suite.description, tests: suite.tests.length },
    createdAt: new Date().toISOString(),
    providers: suite.providers.map((p) => p.label),
    partial: partialReason !== undefined,
    totals: totalsOf(results, performance.now() - started, cache.hits),
    tests: results,
  };
  if (partialReason) out.partialReason = partialReason;
  if (options.shard) out.shard = options.shard;
  if (options.git) out.git = options.git;
  return out;
}

function budgetText(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1_000)} s` : `${Math.round(ms / 60_000)} min`;
}

function renderMessages(messages: ChatMessage[], vars: Record<string, unknown>): ChatMessage[] {
  return messages.map((m) => ({ role: m.role, content: renderTemplate(m.content, vars) }));
}

/** One call (or cache replay) and its assertions; a string is why it was skipped. */
async function runSample(
  provider: Provider,
  test: TestCase,
  suite: Suite,
  repeat: number,
  cache: ResponseCache,
  services: GradingServices,
  signal: AbortSignal,
): Promise<SampleResult | string> {
  const prompt = suite.prompts.find((p) => p.id === test.promptId) ?? suite.prompts[0];
  const messages = renderMessages(prompt?.messages ?? [], { ...test.vars, ...(test.expected !== undefined ? { expected: test.expected } : {}) });
  const c = provider.config;
  // Hashing the key costs ~20 % of a cheap call's CPU: skip it when the cache is off.
  const key =
    cache.mode === 'off'
      ? ''
      : ResponseCache.key({
          type: c.type,
          baseUrl: c.baseUrl,
          url: c.url,
          query: c.query,
          command: c.command,
          model: c.model,
          params: c.params,
          messages,
          seed: c.params.seed,
          repeat,
        });
  let response = cache.mode === 'off' ? undefined : await cache.get<ProviderResponse>('answers', key);
  const cached = response !== undefined;
  if (!response) {
    if (cache.mode === 'only') return 'not in the cache (--cache-only)';
    try {
      response = await provider.complete(messages, { signal });
    } catch (error) {
      if (signal.aborted) return String((signal.reason as Error)?.message ?? 'stopped');
      return {
        output: '',
        pass: false,
        score: 0,
        assertions: [],
        latencyMs: 0,
        promptTokens: 0,
        completionTokens: 0,
        cost: 0,
        cached: false,
        error: (error as Error).message,
      };
    }
    if (cache.mode === 'use') await cache.set('answers', key, response);
  }
  const assertions = await Promise.all(test.assert.map((a) => runAssertion(a, response, test, services)));
  const weight = assertions.reduce((s, a) => s + a.weight, 0);
  const score = weight > 0 ? assertions.reduce((s, a) => s + a.score * a.weight, 0) / weight : 1;
  const pass = test.threshold !== undefined ? score >= test.threshold : assertions.every((a) => a.pass);
  const sample: SampleResult = {
    output: response.output,
    pass,
    score,
    assertions,
    latencyMs: cached ? 0 : response.latencyMs,
    promptTokens: response.promptTokens,
    completionTokens: response.completionTokens,
    cost: cached ? 0 : response.cost,
    cached,
  };
  if (response.ttftMs !== undefined && !cached) sample.ttftMs = response.ttftMs;
  return sample;
}

/** Folds a test's samples into its result: pass rate, mean score and metrics, flakiness. */
export function toTestResult(test: TestCase, provider: string, outcomes: (SampleResult | string)[]): TestResult {
  const samples = outcomes.filter((s): s is SampleResult => typeof s !== 'string');
  const skipReason = outcomes.find((s): s is string => typeof s === 'string');
  const base = { index: test.index, id: test.id, description: test.description, provider, tags: test.tags, line: test.line, vars: test.vars };
  if (samples.length === 0) {
    return { ...base, status: 'skipped', skipReason: skipReason ?? 'not run', passRate: 0, score: 0, flaky: false, metrics: {}, samples: [] };
  }
  return { ...base, ...foldSamples(samples) };
}

/** Status, pass rate, score, metrics and flakiness of a set of samples. */
export function foldSamples(samples: SampleResult[]): Pick<TestResult, 'status' | 'passRate' | 'score' | 'flaky' | 'metrics' | 'samples'> {
  const ok = samples.filter((s) => s.error === undefined);
  const passes = samples.filter((s) => s.pass).length;
  const passRate = passes / samples.length;
  const metrics: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const s of ok)
    for (const a of s.assertions) {
      const name = a.metric ?? a.type;
      metrics[name] = (metrics[name] ?? 0) + a.score;
      counts[name] = (counts[name] ?? 0) + 1;
    }
  for (const k of Object.keys(metrics)) metrics[k] = (metrics[k] ?? 0) / (counts[k] ?? 1);
  const status = ok.length === 0 ? 'error' : passRate >= 0.5 ? 'pass' : 'fail';
  return {
    status,
    passRate,
    score: samples.reduce((s, x) => s + x.score, 0) / samples.length,
    flaky: passes > 0 && passes < samples.length,
    metrics,
    samples,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Headline numbers of a run. */
export function totalsOf(tests: readonly TestResult[], durationMs: number, cacheHits?: number): RunTotals {
  const ran = tests.filter((t) => t.status !== 'skipped');
  const samples = ran.flatMap((t) => t.samples);
  const latencies = samples
    .filter((s) => !s.cached && s.error === undefined)
    .map((s) => s.latencyMs)
    .sort((a, b) => a - b);
  const passed = ran.filter((t) => t.status === 'pass').length;
  return {
    tests: tests.length,
    passed,
    failed: ran.filter((t) => t.status === 'fail').length,
    errors: ran.filter((t) => t.status === 'error').length,
    skipped: tests.length - ran.length,
    passRate: ran.length ? passed / ran.length : 0,
    cost: samples.reduce((s, x) => s + x.cost, 0),
    promptTokens: samples.reduce((s, x) => s + x.promptTokens, 0),
    completionTokens: samples.reduce((s, x) => s + x.completionTokens, 0),
    latencyP50: percentile(latencies, 0.5),
    latencyP95: percentile(latencies, 0.95),
    cacheHits: cacheHits ?? samples.filter((s) => s.cached).length,
    calls: samples.length,
    durationMs,
  };
}
