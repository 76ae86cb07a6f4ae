export type { TestAnnotation } from './internal/annotations.js';
/** Failing tests as annotations on their suite lines, and a check title. */
export { evalAnnotations, evalTitle } from './internal/annotations.js';
export type { GradingServices } from './internal/assertions.js';
/** Runs one assertion against one answer; a broken check fails with its reason instead of throwing. */
export { runAssertion } from './internal/assertions.js';
export type { CacheMode } from './internal/cache.js';
/** Model answers and judge verdicts on disk, keyed by everything that can change them. */
export { ResponseCache } from './internal/cache.js';
export type { CompareOptions, Comparison, MetricComparison, PairedTest, TestChange } from './internal/compare.js';
/** Pairs a head run with its baseline by test id and decides the gate with McNemar and Wilcoxon. */
export { compareResults } from './internal/compare.js';
export type { EvaluateOptions, EvaluateResult, SuiteOutcome } from './internal/evaluate.js';
/** Runs suites, compares with the baseline, writes every report; the entry of the eval capability. */
export { evaluate, mergeShards } from './internal/evaluate.js';
/** A JSON Schema subset validator (the json-schema assertion). */
export { validateJsonSchema } from './internal/json-schema.js';
export type { LoadSuiteOptions } from './internal/load-suite.js';
/** Reads a suite (ours or a promptfoo config) with file:line errors. */
export { loadSuite, resolveProvider } from './internal/load-suite.js';
export type { BleuOptions, BleuSmoothing, Prf } from './internal/metrics.js';
/** sacreBLEU-compatible BLEU and chrF, rouge-score-compatible ROUGE, Levenshtein, cosine. */
export { chrf, corpusBleu, cosine, levenshtein, rougeL, rougeN, sentenceBleu, tokenize13a } from './internal/metrics.js';
/** Inputs shared by the action and the CLI, and the options they produce with slipway.yml. */
export { EVAL_INPUTS, evalOptionsFromInputs } from './internal/options.js';
export type { Provider } from './internal/providers/provider.js';
/** A provider with its concurrency, rate limits, timeout and retries built in. */
export { createProvider } from './internal/providers/provider.js';
/** Self-contained HTML report. */
export { renderHtml } from './internal/report-html.js';
/** JUnit XML report. */
export { renderJunit } from './internal/report-junit.js';
/** The sticky PR comment and job summary. */
export { COMMENT_LIMIT, COMMENT_MARKER, renderComment } from './internal/report-markdown.js';
/** Results files: streamed writer, checked reader, shard merge. */
export { mergeResults, readResults, writeResults } from './internal/results-file.js';
export type { RunOptions } from './internal/runner.js';
/** Runs one suite (or shard) against its providers. */
export { runSuite } from './internal/runner.js';
export type { Shard } from './internal/shard.js';
/** Shard parsing and selection (stable hash, or balanced on past timings). */
export { parseShard, selectShard } from './internal/shard.js';
/** Paired statistics. */
export { bootstrapMeanCi, mcnemarExact, wilcoxon } from './internal/stats.js';
export type { PublishRequest, StepDeps } from './internal/step.js';
/** The eval step of a workflow (actions/eval and the root action's `command: eval`). */
export { runEvalStep, STEP_INPUTS } from './internal/step.js';
export { ASSERTION_TYPES, suiteSchema } from './internal/suite-schema.js';
export type { AssertionResult, EvalResults, ProviderConfig, RunTotals, SampleResult, Suite, TestCase, TestResult } from './internal/types.js';
export { RESULTS_SCHEMA } from './internal/types.js';
