import { readFile } from 'node:fs/promises';

/** What a step knows about the run it is in, read once from the runner's environment. */
export interface GitHubContext {
  /** Empty when no token was given: nothing can be written to GitHub. */
  token: string;
  apiUrl: string;
  owner: string;
  repo: string;
  eventName: string;
  sha: string;
  ref: string;
  runUrl: string;
  /** The pull request, on pull_request(_target) events. */
  pullRequest?: { number: number; headSha: string; fromFork: boolean; title: string };
}

interface PullRequestPayload {
  pull_request?: { number: number; title?: string; head: { sha: string; repo?: { full_name?: string } | null }; base: { repo: { full_name: string } } };
}

/**
 * Reads `GITHUB_*` and the event payload. A fork PR is detected from the payload (head repo is not
 * the base repo): its token is read-only, so callers skip writes and say why.
 */
export async function readGitHubContext(env: NodeJS.ProcessEnv = process.env, token = ''): Promise<GitHubContext> {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '/').split('/');
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const ctx: GitHubContext = {
    token,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runUrl: `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`,
  };
  let payload: PullRequestPayload = {};
  if (env.GITHUB_EVENT_PATH) payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8').catch(() => '{}')) as PullRequestPayload;
  const pr = payload.pull_request;
  if (pr && typeof pr.number === 'number') {
    ctx.pullRequest = {
      number: pr.number,
      headSha: pr.head.sha,
      fromFork: (pr.head.repo?.full_name ?? '') !== pr.base.repo.full_name,
      title: pr.title ?? '',
    };
    // On pull_request events GITHUB_SHA is the merge commit; checks belong on the head commit.
    ctx.sha = pr.head.sha;
  }
  return ctx;
}
