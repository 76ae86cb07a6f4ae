/** Restores and saves a folder through the Actions cache service (the eval response cache). */
export { restoreDir, saveDir } from './internal/cache-dir.js';
export type { GitHubContext } from './internal/context.js';
/** Reads the run's repository, commit, event and pull request (fork or not) from the runner. */
export { readGitHubContext } from './internal/context.js';
export type { DeploymentStart, DeploymentState } from './internal/deployments.js';
export { DeploymentMirror } from './internal/deployments.js';
/** GitHub wiring for a report step: commit, run URL, publisher and cache. */
export { githubStepDeps } from './internal/eval-deps.js';
export type { CheckAnnotation, CheckRunInput, WriteOutcome } from './internal/publish.js';
/** Sticky PR comment by hidden marker, check runs with batched annotations, plain-text escaping. */
export { createCheckRun, createClient, plainText, upsertStickyComment } from './internal/publish.js';
export type { ReportInput } from './internal/publish-report.js';
/** Comment, check run and job summary in one call, skipping what the token cannot write. */
export { publishReport } from './internal/publish-report.js';
