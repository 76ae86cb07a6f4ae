import type { Runtime } from '@slipway/kit';
import { restoreDir, saveDir } from './cache-dir.js';
import { readGitHubContext } from './context.js';
import { publishReport, type ReportInput } from './publish-report.js';

/**
 * Wires a report step to GitHub: the run's commit and URL, publishing through {@link publishReport},
 * and the response cache through the Actions cache. Structural types keep this package free of eval's.
 */
export function githubStepDeps(rt: Runtime, env: NodeJS.ProcessEnv = process.env) {
  const key = `slipway-eval-${env.GITHUB_SHA ?? 'local'}-${env.GITHUB_RUN_ID ?? ''}-${env.GITHUB_JOB ?? ''}`;
  return {
    git: { sha: env.GITHUB_SHA ?? '', ref: env.GITHUB_REF ?? '' },
    runUrl: `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`,
    async publish(request: ReportInput, token: string) {
      const ctx = await readGitHubContext(env, token);
      const { commentUrl } = await publishReport(rt, ctx, request);
      return { commentUrl };
    },
    async fromFork() {
      return (await readGitHubContext(env)).pullRequest?.fromFork === true;
    },
    async restoreCache(dir: string) {
      await restoreDir(dir, key, 'slipway-eval-', rt.log);
    },
    async saveCache(dir: string) {
      await saveDir(dir, key, rt.log);
    },
  };
}
