/** The capability: data check, train, sweep, select-best, register. */

export { findPii, findSecrets } from '@slipway/kit';
export type { FineTuneMode, FineTuneResult, FineTuneRunOptions } from './capability.js';
export { FINE_TUNE_MODES, fineTune, parseParams } from './capability.js';
/** The action's inputs. */
export { FINE_TUNE_INPUTS, readFineTuneInputs } from './inputs.js';
/** Data checks: schema (file:line), duplicates, leakage, secrets and PII, tokens and cost, stable split. */
export type { DataCheckOptions, DataReport } from './internal/data/check.js';
export { checkData, splitSide } from './internal/data/check.js';
export { jaccard, MinHasher, NearDuplicateIndex, normalizeText, shingleSet, shingles } from './internal/data/minhash.js';
export type { ChatMessage, DataFormat, DataProblem, Example } from './internal/data/parse.js';
export { DATA_FORMATS, parseJsonl } from './internal/data/parse.js';
export { dataReportMarkdown } from './internal/data/report.js';
export type { TokenCounter } from './internal/data/tokens.js';
export { encodingFor, exampleTokens, tokenCounter, trainingPrice } from './internal/data/tokens.js';
/** Evaluating a trained model: an eval command's JSON metrics and suites against the served model. */
export { evaluateModel } from './internal/evaluate-model.js';
/** Launchers: where training runs. */
export { CommandLauncher, renderCommand, shellQuote } from './internal/launchers/command.js';
export type { KubernetesLauncherOptions } from './internal/launchers/kubernetes.js';
export { KubernetesLauncher, trainingManifest } from './internal/launchers/kubernetes.js';
export type { LaunchContext, Launcher, LauncherKind, Params, TrainJob, TrainResult } from './internal/launchers/launcher.js';
export { LAUNCHERS, metricsFromLine, TrainingError } from './internal/launchers/launcher.js';
export type { OpenAILauncherOptions } from './internal/launchers/openai.js';
export { OpenAILauncher } from './internal/launchers/openai.js';
export type { SageMakerLauncherOptions } from './internal/launchers/sagemaker.js';
export { SageMakerLauncher } from './internal/launchers/sagemaker.js';
/** Opens a pull request committing files through the Git data API. */
export { openPointerPullRequest } from './internal/pull-request.js';
export { HubRegistry, modelCard } from './internal/registry/huggingface.js';
export { MlflowRegistry } from './internal/registry/mlflow.js';
export type { ModelRegistry, NewEntry, RegistryEntry } from './internal/registry/registry.js';
export type { S3RegistryOptions } from './internal/registry/s3-registry.js';
export { S3Registry } from './internal/registry/s3-registry.js';
export { StoreRegistry } from './internal/registry/store-registry.js';
export type { FineTuneOptions } from './internal/resolve.js';
export type { Selection } from './internal/select.js';
export { selectBest } from './internal/select.js';
export type { Leg, ParameterSpec, SweepSpec } from './internal/sweep.js';
export { MATRIX_LIMIT, planSweep, sweepMatrix } from './internal/sweep.js';
export type { Trial, TrialArtifact } from './internal/trial.js';
export { readTrials, TRIAL_SCHEMA } from './internal/trial.js';
