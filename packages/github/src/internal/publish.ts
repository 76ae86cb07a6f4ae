import { getOctokit } from '@actions/github';
import type { Logger } from '@slipway/kit';
import type { GitHubContext } from './context.js';

type Octokit = ReturnType<typeof getOctokit>;

/** A GitHub REST client for the context's API URL and token. */
export function createClient(ctx: GitHubContext): Octokit {
  return getOctokit(ctx.token, { baseUrl: ctx.apiUrl, request: { retries: 0 } });
}

/** The outcome of one write: done, or skipped with a reason a person can act on. */
export type WriteOutcome = { done: true; action: string; id?: number; url?: string } | { done: false; reason: string };

/** Plain text for annotations and check titles: no mentions, no live links, no control characters. */
export function plainText(text: string, max = 4000): string {
  const clean = text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':/\u200b/');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function why(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = (error as Error).message ?? String(error);
  if (status === 403 || status === 404)
    return `the token cannot write here (HTTP ${status}: ${message.split('\n')[0]}); on fork PRs GitHub gives a read-only token`;
  return `HTTP ${status ?? '?'}: ${message.split('\n')[0]}`;
}

function writable(ctx: GitHubContext): string | undefined {
  if (!ctx.token) return 'no GitHub token (set the `github-token` input)';
  if (ctx.pullRequest?.fromFork) return 'this pull request comes from a fork, whose token is read-only';
  return undefined;
}

/**
 * Creates or updates the one comment on the PR that carries `marker` (a hidden HTML comment),
 * so every push edits the same comment instead of adding another.
 */
export async function upsertStickyComment(ctx: GitHubContext, marker: string, body: string, log?: Logger): Promise<WriteOutcome> {
  if (!ctx.pullRequest) return { done: false, reason: `no pull request on a ${ctx.eventName || 'local'} event` };
  const blocked = writable(ctx);
  if (blocked) return { done: false, reason: blocked };
  const gh = createClient(ctx);
  const base = { owner: ctx.owner, repo: ctx.repo };
  try {
    let existing: number | undefined;
    for (let page = 1; page <= 20 && existing === undefined; page++) {
      const { data } = await gh.rest.issues.listComments({ ...base, issue_number: ctx.pullRequest.number, per_page: 100, page });
      existing = data.find((c) => c.body?.includes(marker))?.id;
      if (data.length < 100) break;
    }
    if (existing !== undefined) {
      const { data } = await gh.rest.issues.updateComment({ ...base, comment_id: existing, body });
      return { done: true, action: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await gh.rest.issues.createComment({ ...base, issue_number: ctx.pullRequest.number, body });
    return { done: true, action: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    log?.warn(`PR comment skipped: ${why(error)}`);
    return { done: false, reason: why(error) };
  }
}

export interface CheckAnnotation {
  path: string;
  line: number;
  level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckRunInput {
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  /** Markdown; cut to 65,535 characters. */
  summary: string;
  annotations: CheckAnnotation[];
  detailsUrl?: string;
}

/**
 * Creates a completed check run on the head commit. GitHub takes at most 50 annotations per
 * request, so the rest follow in updates of the same run.
 */
export async function createCheckRun(ctx: GitHubContext, input: CheckRunInput, log?: Logger): Promise<WriteOutcome> {
  const blocked = writable(ctx);
  if (blocked) return { done: false, reason: blocked };
  const gh = createClient(ctx);
  const toApi = (a: CheckAnnotation) => ({
    path: a.path,
    start_line: a.line,
    end_line: a.line,
    annotation_level: a.level,
    title: plainText(a.title, 255),
    message: plainText(a.message, 60_000),
  });
  const output = (batch: CheckAnnotation[]) => ({
    title: plainText(input.title, 255),
    summary: input.summary.length > 65_535 ? `${input.summary.slice(0, 65_500)}\n\n_(cut)_` : input.summary,
    annotations: batch.map(toApi),
  });
  try {
    const { data } = await gh.rest.checks.create({
      owner: ctx.owner,
      repo: ctx.repo,
      name: input.name,
      head_sha: ctx.sha,
      status: 'completed',
      conclusion: input.conclusion,
      completed_at: new Date().toISOString(),
      ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
      output: output(input.annotations.slice(0, 50)),
    });
    for (let i = 50; i < input.annotations.length; i += 50) {
      await gh.rest.checks.update({ owner: ctx.owner, repo: ctx.repo, check_run_id: data.id, output: output(input.annotations.slice(i, i + 50)) });
    }
    return { done: true, action: 'created', id: data.id, url: data.html_url ?? '' };
  } catch (error) {
    log?.warn(`check run skipped: ${why(error)}`);
    return { done: false, reason: why(error) };
  }
}
