import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type Runtime } from '@slipway/kit';
import { checkKey, fetchResults, liveReportDigest, pushResults, type ResultsStoreOptions, resolveKey } from './baseline-store.js';
import type { CacheMode } from './cache.js';
import { type Comparison, compareResults } from './compare.js';
import { loadSuite, resolveProvider } from './load-suite.js';
import { htmlChunks } from './report-html.js';
import { junitChunks } from './report-junit.js';
import { COMMENT_MARKER, renderComment } from './report-markdown.js';
import { mergeResults, readResults, writeChunks, writeResults } from './results-file.js';
import { backedBy, ResultsLog } from './results-log.js';
import { foldSamples, runSuite, totalsOf } from './runner.js';
import type { Shard } from './shard.js';
import type { EvalResults, ProviderConfig } from './types.js';

export interface EvaluateOptions {
  /** Suite files, relative to `rt.cwd`. */
  suites: string[];
  /** Where results and reports go (default `.slipway/eval`). */
  outDir?: string;
  /**
   * A results file (or a folder of `<suite>.results.json`); `store:<key>` for results pushed under
   * a key to the artifact store; `env:<environment>` for the results of the release live there;
   * `provider:<label>` for a baseline provider run in the same job. Unset: no comparison, the gate
   * is the pass-rate floor alone.
   */
  baseline?: string;
  /** Artifact store and release store for `store:` / `env:` baselines and for `pushKey`. */
  stores?: ResultsStoreOptions;
  /** Push this run's results to the artifact store under this key (e.g. `main`); sets `reportDigest`. */
  pushKey?: string;
  alpha?: number;
  passRateFloor?: number;
  staleDays?: number;
  repeats?: number;
  concurrency?: number;
  /** Overrides every provider's timeout (ms). */
  timeoutMs?: number;
  cacheDir?: string;
  cacheMode?: CacheMode;
  maxCost?: number;
  maxDurationMs?: number;
  shard?: Shard;
  /** A results file of an earlier run: its per-test durations balance the shards. */
  shardTimings?: string;
  /** Provider id for llm-rubric (e.g. `openai:chat:gpt-4o-mini`), and for semantic similarity. */
  judge?: string;
  embeddings?: string;
  /** Rerun borderline tests (flaky or flipped) up to this many samples in all. */
  adaptiveRepeats?: number;
  env?: Record<string, string | undefined>;
  reportUrl?: string;
  git?: { sha?: string; ref?: string };
  signal?: AbortSignal;
}

/** One suite's outcome. */
export interface SuiteOutcome {
  suite: string;
  results: EvalResults;
  baseline?: EvalResults;
  comparison?: Comparison;
  /** Where the baseline came from: `store:main (sha256:…)`, `env:production: release …`, a file, `provider:base`. */
  baselineSource?: string;
  files: { results: string; junit: string; markdown: string; html: string };
}

export interface EvaluateResult {
  /** fail when any suite's gate said no; none when nothing was compared and nothing failed the floor. */
  verdict: 'pass' | 'fail';
  passRate: number;
  reasons: string[];
  /** The sticky comment / job summary, cut to GitHub's limit. */
  markdown: string;
  reportPath: string;
  suites: SuiteOutcome[];
  /** Digest of the pushed results index (a release record's `eval.reportDigest`), when pushed. */
  reportDigest?: string;
  /** Where the baseline came from, e.g. `store:main (sha256:…)`. */
  baselineSource?: string;
}

/**
 * Runs every suite, compares each with its baseline, writes results JSON, JUnit, Markdown and
 * HTML into `outDir`, and returns the verdict. It does not throw on a failed gate: the caller
 * publishes the reports first, then turns `verdict: 'fail'` into exit code 1.
 */
export async function evaluate(rt: Runtime, options: EvaluateOptions): Promise<EvaluateResult> {
  if (options.suites.length === 0) throw new InputError('suites', 'no suite to run', { hint: 'list suite files in slipway.yml (eval.suites) or pass --suite' });
  const outDir = path.resolve(rt.cwd, options.outDir ?? '.slipway/eval');
  if (options.pushKey && options.shard) throw new InputError('push-key', 'cannot push one shard', { hint: 'push from the merge step (command: merge)' });
  if (options.pushKey) checkKey(options.pushKey, 'push-key');
  const baseline = baselineSource(rt, options);
  const env = options.env ?? process.env;
  const setSecret = (v: string) => rt.setSecret(v);
  const judge = options.judge ? resolveProvider(options.judge, env, setSecret) : undefined;
  const embeddings = options.embeddings ? resolveProvider(options.embeddings, env, setSecret) : undefined;
  const outcomes: SuiteOutcome[] = [];
  const logs: ResultsLog[] = [];
  try {
    for (const suitePath of options.suites) outcomes.push(await evaluateSuite(rt, suitePath, options, { outDir, env, judge, embeddings, baseline, logs }));
  } finally {
    await Promise.all(logs.map((l) => l.close()));
  }
  return publish(rt, conclude(outcomes, outDir, options), options, baseline);
}

/** One suite: run (streaming results to `<out>/<suite>.results.jsonl`), compare, adaptive reruns, reports. */
async function evaluateSuite(
  rt: Runtime,
  suitePath: string,
  options: EvaluateOptions,
  ctx: {
    outDir: string;
    env: Record<string, string | undefined>;
    judge: ProviderConfig | undefined;
    embeddings: ProviderConfig | undefined;
    baseline: BaselineSource;
    logs: ResultsLog[];
  },
): Promise<SuiteOutcome> {
  const { outDir, env, judge, embeddings, baseline } = ctx;
  const setSecret = (v: string) => rt.setSecret(v);
  const file = path.resolve(rt.cwd, suitePath);
  const suite = await loadSuite(file, {
    env,
    setSecret,
    displayPath: path.relative(rt.cwd, file) || suitePath,
    ...(options.repeats ? { repeat: options.repeats } : {}),
  });
  if (options.timeoutMs) for (const p of suite.providers) p.timeoutMs = options.timeoutMs;
  const timings = options.shard && options.shardTimings ? await timingsFrom(rt, options.shardTimings) : undefined;
  const run = (only?: Set<string>, offset?: number, repeats?: number) =>
    runSuite(rt, suite, {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(repeats ? { repeats } : {}),
      ...(options.cacheDir ? { cacheDir: path.resolve(rt.cwd, options.cacheDir), cacheMode: options.cacheMode ?? 'use' } : {}),
      ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
      ...(options.maxDurationMs !== undefined ? { maxDurationMs: options.maxDurationMs } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      ...(timings ? { timings } : {}),
      ...(judge ? { judge: judge as ProviderConfig } : {}),
      ...(embeddings ? { embeddings: embeddings as ProviderConfig } : {}),
      ...(only ? { only } : {}),
      ...(offset ? { repeatOffset: offset } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.git ? { git: options.git } : {}),
      log,
    });
  const name = path.basename(suitePath).replace(/\.(ya?ml|json)$/, '');
  const log = await ResultsLog.create(path.join(outDir, `${name}.results.jsonl`));
  ctx.logs.push(log);
  let all = await run();
  let { base, head } = await splitBaseline(rt, all, options.baseline, name, baseline);
  let comparison = base ? compare(base, head, options) : undefined;

  if (comparison && options.adaptiveRepeats && options.adaptiveRepeats > 1) {
    // Only the tests whose verdict is in doubt get more samples, on both sides when the baseline runs here.
    const doubtful = new Set(
      comparison.tests.filter((t) => t.change === 'flaky' || t.change === 'newly-failing' || t.change === 'newly-passing').map((t) => t.id),
    );
    const have = Math.max(1, ...all.tests.map((t) => t.samples.length));
    if (doubtful.size > 0 && have < options.adaptiveRepeats) {
      rt.log.info(`adaptive repeats: ${doubtful.size} borderline test(s) get ${options.adaptiveRepeats - have} more sample(s)`);
      const more = await run(doubtful, have, options.adaptiveRepeats - have);
      all = mergeSamples(all, more);
      ({ base, head } = await splitBaseline(rt, all, options.baseline, name, baseline));
      comparison = base ? compare(base, head, options) : undefined;
    }
  }
  if (base && options.baseline?.startsWith('provider:')) await writeResults(path.join(outDir, `${name}.baseline.results.json`), base);
  return writeReports(outDir, name, head, base, comparison, options.reportUrl, base ? (baseline.described ?? options.baseline) : undefined);
}

/**
 * `slipway eval merge`: combines shard results files into the report of one unsharded run,
 * compares it with the baseline when one is given, and writes every report.
 */
export async function mergeShards(rt: Runtime, files: string[], options: Omit<EvaluateOptions, 'suites'>): Promise<EvaluateResult> {
  if (files.length === 0) throw new InputError('inputs', 'no shard results to merge', { hint: 'pass the results files of every shard' });
  const outDir = path.resolve(rt.cwd, options.outDir ?? '.slipway/eval');
  const parts = await Promise.all(files.map((f) => readResults(path.resolve(rt.cwd, f), f)));
  const head = mergeResults(parts);
  const name = path.basename(head.suite.file).replace(/\.(ya?ml|json)$/, '');
  const baseline = baselineSource(rt, { ...options, suites: [] });
  const { base } = await splitBaseline(rt, head, options.baseline?.startsWith('provider:') ? undefined : options.baseline, name, baseline);
  const comparison = base ? compare(base, head, { ...options, suites: [] }) : undefined;
  const outcome = await writeReports(outDir, name, head, base, comparison, options.reportUrl, base ? (baseline.described ?? options.baseline) : undefined);
  return publish(rt, conclude([outcome], outDir, { ...options, suites: [] }), { ...options, suites: [] }, baseline);
}

/** Pushes the results files under `pushKey` when asked, and notes where the baseline came from. */
async function publish(rt: Runtime, result: EvaluateResult, options: EvaluateOptions, baseline: BaselineSource): Promise<EvaluateResult> {
  try {
    if (baseline.described) result.baselineSource = baseline.described;
    if (!options.pushKey) return result;
    const remote = await baseline.remote('push-key');
    const files = result.suites.map((s) => ({ suite: suiteName(s.files.results), file: s.files.results }));
    result.reportDigest = await pushResults(remote, files, { key: options.pushKey, ...(options.git ? { git: options.git } : {}) });
    rt.log.info(`pushed eval results to ${remote.display} under ${options.pushKey} (${result.reportDigest})`);
    return result;
  } finally {
    await baseline.close();
  }
}

function suiteName(resultsFile: string): string {
  return path.basename(resultsFile).replace(/\.results\.json$/, '');
}

/** Lazily opened stores for `store:` / `env:` baselines and pushes, shared by every suite of a run. */
interface BaselineSource {
  remote(input: string): Promise<import('@slipway/store').Remote>;
  /** The index digest of a `store:` or `env:` baseline, resolved once. */
  index(spec: string): Promise<string>;
  described?: string;
  close(): Promise<void>;
}

function baselineSource(rt: Runtime, options: EvaluateOptions): BaselineSource {
  const stores = options.stores ?? {};
  let opened: Promise<import('@slipway/store').Remote> | undefined;
  let index: Promise<string> | undefined;
  const self: BaselineSource = {
    remote(input) {
      const url = stores.store;
      if (!url)
        throw new InputError(input, 'needs an artifact store', {
          hint: 'set artifacts.remote in slipway.yml or the remote input (file://… or s3://bucket/prefix)',
        });
      opened ??= import('@slipway/store').then(({ openRemote }) => openRemote(rt, url, stores.s3 ?? {}, 'input "remote"'));
      return opened;
    },
    index(spec) {
      index ??= (async () => {
        if (spec.startsWith('store:')) {
          const key = spec.slice('store:'.length);
          const digest = await resolveKey(await self.remote('baseline'), key);
          self.described = `store:${key} (${digest})`;
          return digest;
        }
        const environment = spec.slice('env:'.length);
        const live = await liveReportDigest(rt, environment, stores.releaseStore ?? '.slipway/state', stores.s3 ?? {});
        self.described = `env:${environment}: release ${live.release} (${live.digest})`;
        return live.digest;
      })();
      return index;
    },
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
  return self;
}

async function writeReports(
  outDir: string,
  name: string,
  head: EvalResults,
  base: EvalResults | undefined,
  comparison: Comparison | undefined,
  reportUrl?: string,
  baselineSource?: string,
): Promise<SuiteOutcome> {
  const files = {
    results: path.join(outDir, `${name}.results.json`),
    junit: path.join(outDir, `${name}.junit.xml`),
    markdown: path.join(outDir, `${name}.md`),
    html: path.join(outDir, `${name}.html`),
  };
  await writeResults(files.results, head);
  await writeChunks(files.junit, junitChunks(head));
  await writeChunks(files.html, htmlChunks(head, comparison, base));
  await writeFile(files.markdown, renderComment(head, comparison, { ...(reportUrl ? { reportUrl } : {}), ...(baselineSource ? { baselineSource } : {}) }));
  const outcome: SuiteOutcome = { suite: head.suite.file, results: head, files };
  if (baselineSource) outcome.baselineSource = baselineSource;
  if (base) outcome.baseline = base;
  if (comparison) outcome.comparison = comparison;
  return outcome;
}

function conclude(outcomes: SuiteOutcome[], outDir: string, options: EvaluateOptions): EvaluateResult {
  const reasons: string[] = [];
  for (const o of outcomes) {
    if (o.comparison) reasons.push(...o.comparison.reasons.map((r) => `${o.suite}: ${r}`));
    else if (options.passRateFloor !== undefined && o.results.totals.passRate < options.passRateFloor)
      reasons.push(`${o.suite}: pass rate ${o.results.totals.passRate.toFixed(3)} is below the floor of ${options.passRateFloor}`);
    else if (options.passRateFloor === undefined && (o.results.totals.failed > 0 || o.results.totals.errors > 0))
      reasons.push(`${o.suite}: ${o.results.totals.failed} failed, ${o.results.totals.errors} errors (no baseline to compare with)`);
  }
  const ran = outcomes.flatMap((o) => o.results.tests);
  const totals = totalsOf(ran, 0);
  const markdown = outcomes
    .map((o, i) => {
      const md = renderComment(o.results, o.comparison, {
        ...(options.reportUrl ? { reportUrl: options.reportUrl } : {}),
        ...(o.baselineSource ? { baselineSource: o.baselineSource } : {}),
        limit: Math.floor(65_536 / outcomes.length) - 64,
      });
      return i === 0 ? md : md.replace(`${COMMENT_MARKER}\n\n`, '');
    })
    .join('\n\n---\n\n');
  return { verdict: reasons.length ? 'fail' : 'pass', passRate: totals.passRate, reasons, markdown, reportPath: outDir, suites: outcomes };
}

function compare(base: EvalResults, head: EvalResults, o: EvaluateOptions): Comparison {
  return compareResults(base, head, {
    ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
    ...(o.passRateFloor !== undefined ? { passRateFloor: o.passRateFloor } : {}),
    ...(o.staleDays !== undefined ? { staleDays: o.staleDays } : {}),
  });
}

/** Finds the baseline: a provider of this run, a results file or a folder of them, a store key, or an environment's live release. */
async function splitBaseline(
  rt: Runtime,
  all: EvalResults,
  baseline: string | undefined,
  name: string,
  source: BaselineSource,
): Promise<{ base?: EvalResults; head: EvalResults }> {
  if (!baseline || baseline === 'none') return { head: all };
  if (baseline.startsWith('store:') || baseline.startsWith('env:')) {
    const digest = await source.index(baseline);
    const remote = await source.remote('baseline');
    return { base: await fetchResults(remote, digest, name, `baseline ${baseline}`), head: all };
  }
  if (baseline.startsWith('provider:')) {
    const label = baseline.slice('provider:'.length);
    if (!all.providers.includes(label))
      throw new InputError('baseline', `no provider labelled "${label}" in the suite`, { hint: `use one of: ${all.providers.join(', ')}` });
    const pick = (keep: (p: string) => boolean): EvalResults => {
      const tests = all.tests.filter((t) => keep(t.provider));
      return { ...all, providers: all.providers.filter(keep), tests, totals: totalsOf(tests, all.totals.durationMs) };
    };
    return { base: pick((p) => p === label), head: pick((p) => p !== label) };
  }
  let file = path.resolve(rt.cwd, baseline);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) file = path.join(file, `${name}.results.json`);
  return { base: await readResults(file, path.relative(rt.cwd, file) || baseline), head: all };
}

/** Adds the samples of an adaptive rerun to the first run's tests. */
function mergeSamples(first: EvalResults, more: EvalResults): EvalResults {
  const extra = new Map(more.tests.map((t) => [`${t.id}\u0000${t.provider}`, t]));
  const tests = first.tests.map((t) => {
    const m = extra.get(`${t.id}\u0000${t.provider}`);
    if (!m || m.samples.length === 0) return t;
    // The merged result is backed by both runs' records in the log, for the reports that need full text.
    return backedBy({ ...t, ...foldSamples([...t.samples, ...m.samples]) }, [t, m]);
  });
  return { ...first, tests, totals: totalsOf(tests, first.totals.durationMs + more.totals.durationMs, first.totals.cacheHits + more.totals.cacheHits) };
}

/** Duration of each test in an earlier results file (sum of its samples' latencies), to balance shards. */
async function timingsFrom(rt: Runtime, file: string): Promise<Record<string, number>> {
  const past = await readResults(path.resolve(rt.cwd, file), file);
  const out: Record<string, number> = {};
  for (const t of past.tests) out[t.id] = (out[t.id] ?? 0) + t.samples.reduce((s, x) => s + x.latencyMs, 0);
  return out;
}
