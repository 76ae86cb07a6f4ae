import { createClient, type GitHubContext, plainText } from '@slipway/github';
import type { Logger } from '@slipway/kit';

export interface PointerPullRequest {
  /** Files to commit, by repository path. */
  files: { path: string; content: string }[];
  branch: string;
  title: string;
  body: string;
}

/**
 * Commits files on a new branch through the Git data API (blobs, tree, commit, ref) and opens a
 * pull request to the default branch; no checkout or push credentials needed. When the branch
 * exists already (a rerun), its commit is moved to the new one and the open pull request reused.
 * Returns the pull request URL, or undefined with the reason logged when GitHub refuses.
 */
export async function openPointerPullRequest(ctx: GitHubContext, pr: PointerPullRequest, log: Logger): Promise<{ url: string; number: number } | undefined> {
  if (!ctx.token) {
    log.warn('no pull request: no GitHub token (set the github-token input)');
    return undefined;
  }
  const gh = createClient(ctx);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  try {
    const { data: meta } = await gh.rest.repos.get(repo);
    const base = meta.default_branch;
    const { data: ref } = await gh.rest.git.getRef({ ...repo, ref: `heads/${base}` });
    const { data: parent } = await gh.rest.git.getCommit({ ...repo, commit_sha: ref.object.sha });
    const tree = [];
    for (const f of pr.files) {
      const { data: blob } = await gh.rest.git.createBlob({ ...repo, content: Buffer.from(f.content).toString('base64'), encoding: 'base64' });
      tree.push({ path: f.path, mode: '100644' as const, type: 'blob' as const, sha: blob.sha });
    }
    const { data: newTree } = await gh.rest.git.createTree({ ...repo, base_tree: parent.tree.sha, tree });
    const { data: commit } = await gh.rest.git.createCommit({
      ...repo,
      message: `${pr.title}\n\n${plainText(pr.body, 2000)}`,
      tree: newTree.sha,
      parents: [parent.sha],
    });
    try {
      await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${pr.branch}`, sha: commit.sha });
    } catch (error) {
      if ((error as { status?: number }).status !== 422) throw error;
      await gh.rest.git.updateRef({ ...repo, ref: `heads/${pr.branch}`, sha: commit.sha, force: true });
    }
    const { data: open } = await gh.rest.pulls.list({ ...repo, head: `${ctx.owner}:${pr.branch}`, state: 'open', per_page: 1 });
    const existing = open[0];
    if (existing) return { url: existing.html_url, number: existing.number };
    const { data: created } = await gh.rest.pulls.create({
      ...repo,
      head: pr.branch,
      base,
      title: plainText(pr.title, 200),
      body: pr.body,
      maintainer_can_modify: true,
    });
    return { url: created.html_url, number: created.number };
  } catch (error) {
    const status = (error as { status?: number }).status;
    const why =
      status === 403 || status === 404
        ? `the token cannot write here (HTTP ${status}); give the job contents: write and pull-requests: write`
        : `HTTP ${status ?? '?'}: ${(error as Error).message.split('\n')[0]}`;
    log.warn(`no pull request: ${why}`);
    return undefined;
  }
}
