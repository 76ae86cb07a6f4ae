/** Monitoring of live LLM traffic: SLOs, anomalies, drift, alerts and rollback on breach. */

export { readMonitorInputs } from './inputs.js';
export type { IncidentInput, IncidentOutcome } from './internal/alerts/issue.js';
/** One GitHub issue per incident, found by a hidden marker and updated, never duplicated. */
export { incidentMarker, upsertIncident } from './internal/alerts/issue.js';
/** A Slack-compatible webhook message. */
export { postWebhook } from './internal/alerts/webhook.js';
export type { DriftOptions, DriftReport, DriftTest, Severity } from './internal/drift/check.js';
/** Drift of prompts and answers against a reference, Holm-corrected. */
export { checkDrift } from './internal/drift/check.js';
export type { LoggedExchange } from './internal/drift/features.js';
export { languageOf, refusalDetector } from './internal/drift/features.js';
export type { ExchangeSets } from './internal/drift/log-source.js';
export { exchangeSets, readExchanges } from './internal/drift/log-source.js';
export { openAiEmbedder } from './internal/embeddings.js';
export type { MonitorReport, Verdict } from './internal/report.js';
export { ecsLines, reportMarkdown } from './internal/report.js';
export type { Level, SloFinding, SloOptions } from './internal/slo/evaluate.js';
export { evaluateSlos } from './internal/slo/evaluate.js';
export type { MetricWindows, SloMetric, SloSource, WindowedReadings } from './internal/slo/sources.js';
export { GatewaySloSource, PrometheusSloSource, SLO_METRICS } from './internal/slo/sources.js';
export type { AnomalyResult } from './internal/stats/baseline.js';
/** Anomaly scores of a value against its trailing baseline. */
export { ewma, robustZ } from './internal/stats/baseline.js';
export type { PermutationOptions, PermutationOutcome } from './internal/stats/permutation.js';
/** Permutation-calibrated two-sample tests for text (TF-IDF domain classifier) and embeddings (MMD). */
export { classifierDriftTest, mmdTest, tokenize } from './internal/stats/permutation.js';
export type { ChiSquareOutcome, TestOutcome } from './internal/stats/tests.js';
/** Two-sample tests and effect sizes: KS, chi-square, PSI, Holm's correction, ROC AUC. */
export { chiSquareSf, chiSquareTest, gammaQ, holm, kolmogorovSf, ksStatistic, ksTest, psi, psiCounts, rocAuc } from './internal/stats/tests.js';
export type { MonitorOptions, MonitorResult } from './monitor.js';
/** One monitoring pass: verdict, evidence, alerts, rollback on breach. */
export { runMonitor } from './monitor.js';
