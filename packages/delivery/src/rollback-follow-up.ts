import { createClient, readGitHubContext } from '@slipway/github';
import { escapeMarkdown, type Runtime } from '@slipway/kit';
import type { ReleaseStore } from '@slipway/release';
import type { RollbackFollowUp, RollbackResult } from './rollback.js';

export interface FollowUpOptions {
  kind: Exclude<RollbackFollowUp, 'none'>;
  environment: string;
  result: RollbackResult;
  reason: string;
  token: string | undefined;
  /** Where the rolled-back release record is: its commit is what a revert PR reverts. */
  history: ReleaseStore;
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * After a rollback, makes the repository say what runs: an issue naming the rolled-back release,
 * or a pull request that reverts its commit. A revert PR is only built when that commit is the tip
 * of the default branch (then the revert is the parent's tree, no merge needed); otherwise an issue
 * is opened that says why. Returns the URL, or undefined with a warning when GitHub cannot be written.
 */
export async function openFollowUp(rt: Runtime, o: FollowUpOptions): Promise<string | undefined> {
  if (!o.token) {
    rt.log.warn(`rollback follow-up (${o.kind}) skipped: no github-token`);
    return undefined;
  }
  rt.setSecret(o.token);
  const ctx = await readGitHubContext(process.env, o.token);
  const gh = createClient(ctx);
  const rolledBack = o.result.rolledBack as string;
  const release = await o.history.getRelease(rolledBack).catch(() => undefined);
  const sha = release?.git.sha;
  const lines = [
    `Slipway rolled **${escapeMarkdown(o.environment)}** back: release \`${short(rolledBack)}\`${sha ? ` (commit ${sha.slice(0, 12)})` : ''} no longer serves.`,
    '',
    `Reason: ${escapeMarkdown(o.reason)}`,
    `Now serving: ${o.result.restored ? `\`${short(o.result.restored)}\`` : 'the stable backend'}.`,
    '',
    `Run: ${ctx.runUrl}`,
  ];
  try {
    if (o.kind === 'revert-pr') {
      const why = sha
        ? await revertPr(gh, ctx, sha, o, lines).catch((error: unknown) => `GitHub refused it (${(error as Error).message.split('\n')[0]})`)
        : 'the release record names no commit';
      if (why.startsWith('https://')) return why;
      lines.push('', `A revert pull request was not opened: ${why}.`);
    }
    const issue = await gh.rest.issues.create({
      owner: ctx.owner,
      repo: ctx.repo,
      title: `Rolled back ${o.environment}: release ${short(rolledBack)}`,
      body: lines.join('\n'),
    });
    return issue.data.html_url;
  } catch (error) {
    rt.log.warn(`rollback follow-up (${o.kind}) not written: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** The revert PR's URL, or why there is none. */
async function revertPr(
  gh: ReturnType<typeof createClient>,
  ctx: Awaited<ReturnType<typeof readGitHubContext>>,
  sha: string,
  o: FollowUpOptions,
  lines: string[],
): Promise<string> {
  const repo = await gh.rest.repos.get({ owner: ctx.owner, repo: ctx.repo });
  const base = repo.data.default_branch;
  const head = await gh.rest.git.getRef({ owner: ctx.owner, repo: ctx.repo, ref: `heads/${base}` });
  if (head.data.object.sha !== sha) return `commit ${sha.slice(0, 12)} is not the tip of ${base} any more, so reverting it needs a merge: revert it by hand`;
  const commit = await gh.rest.git.getCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: sha });
  const parent = commit.data.parents[0];
  if (!parent) return `commit ${sha.slice(0, 12)} has no parent`;
  const parentCommit = await gh.rest.git.getCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: parent.sha });
  const revert = await gh.rest.git.createCommit({
    owner: ctx.owner,
    repo: ctx.repo,
    message: `Revert ${sha.slice(0, 12)}: rolled back in ${o.environment}\n\n${o.reason}`,
    tree: parentCommit.data.tree.sha,
    parents: [sha],
  });
  const branch = `slipway/revert-${sha.slice(0, 12)}`;
  await gh.rest.git.createRef({ owner: ctx.owner, repo: ctx.repo, ref: `refs/heads/${branch}`, sha: revert.data.sha });
  const pr = await gh.rest.pulls.create({
    owner: ctx.owner,
    repo: ctx.repo,
    head: branch,
    base,
    title: `Revert ${sha.slice(0, 12)}: rolled back in ${o.environment}`,
    body: lines.join('\n'),
  });
  return pr.data.html_url;
}
