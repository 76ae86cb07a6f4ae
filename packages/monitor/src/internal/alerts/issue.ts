import { createClient, type GitHubContext, type WriteOutcome } from '@slipway/github';
import type { Logger } from '@slipway/kit';

/** The hidden marker that finds the open incident of an environment. */
export function incidentMarker(environment: string): string {
  return `<!-- slipway:monitor-incident environment=${environment.replace(/[^\w.-]/g, '_')} -->`;
}

export interface IncidentInput {
  environment: string;
  verdict: 'ok' | 'warn' | 'breach';
  title: string;
  /** Markdown, already escaped where it quotes untrusted text. */
  body: string;
  labels: string[];
}

export type IncidentOutcome = WriteOutcome & { issue?: number };

function why(error: unknown): string {
  const status = (error as { status?: number }).status;
  return `HTTP ${status ?? '?'}: ${((error as Error).message ?? String(error)).split('\n')[0]}`;
}

/**
 * One GitHub issue per incident: a warn or breach opens it (or, when one is open for the
 * environment, updates its description and adds a comment: never a second issue); an ok run
 * comments that it recovered and closes it. Failures are reported, never thrown.
 */
export async function upsertIncident(ctx: GitHubContext, input: IncidentInput, log?: Logger): Promise<IncidentOutcome> {
  if (!ctx.token) return { done: false, reason: 'no GitHub token (set the `github-token` input)' };
  const gh = createClient(ctx);
  const base = { owner: ctx.owner, repo: ctx.repo };
  const marker = incidentMarker(input.environment);
  try {
    let open: { number: number; html_url: string } | undefined;
    for (let page = 1; page <= 10 && !open; page++) {
      const { data } = await gh.rest.issues.listForRepo({ ...base, state: 'open', labels: input.labels[0] ?? '', per_page: 100, page });
      open = data.find((i) => !i.pull_request && i.body?.includes(marker));
      if (data.length < 100) break;
    }
    const body = `${marker}\n${input.body}`;
    if (input.verdict === 'ok') {
      if (!open) return { done: false, reason: 'no open incident' };
      await gh.rest.issues.createComment({ ...base, issue_number: open.number, body: `Recovered: the last run was **ok**.\n\n${input.body}` });
      await gh.rest.issues.update({ ...base, issue_number: open.number, state: 'closed', state_reason: 'completed' });
      return { done: true, action: 'closed', id: open.number, url: open.html_url, issue: open.number };
    }
    if (open) {
      await gh.rest.issues.update({ ...base, issue_number: open.number, title: input.title, body });
      await gh.rest.issues.createComment({ ...base, issue_number: open.number, body: input.body });
      return { done: true, action: 'updated', id: open.number, url: open.html_url, issue: open.number };
    }
    const { data } = await gh.rest.issues.create({ ...base, title: input.title, body, labels: input.labels });
    return { done: true, action: 'created', id: data.number, url: data.html_url, issue: data.number };
  } catch (error) {
    log?.warn(`incident issue skipped: ${why(error)}`);
    return { done: false, reason: why(error) };
  }
}
