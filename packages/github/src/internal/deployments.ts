import type { Logger } from '@slipway/kit';
import type { GitHubContext } from './context.js';
import { createClient, plainText, type WriteOutcome } from './publish.js';

/** The states GitHub accepts for a deployment status. */
export type DeploymentState = 'queued' | 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

export interface DeploymentStart {
  environment: string;
  /** The commit or ref being deployed. */
  ref: string;
  /** The release record (or its id): what the Environments page shows as the payload. */
  payload: Record<string, unknown>;
  description: string;
  production?: boolean;
}

/**
 * Mirrors a rollout into GitHub Deployments, so the repository's Environments page shows what
 * runs: one deployment per release per environment, and a status for every step ("canary 10%",
 * "promoted", "rolled back"). Writes that GitHub refuses are reported, never thrown: the
 * rollout itself must not fail because a mirror could not be written.
 */
export class DeploymentMirror {
  constructor(
    private readonly ctx: GitHubContext,
    private readonly log?: Logger,
  ) {}

  /** The deployment of this release in this environment, if one exists. */
  async find(environment: string, releaseId: string): Promise<number | undefined> {
    if (!this.ctx.token) return undefined;
    try {
      const { data } = await createClient(this.ctx).rest.repos.listDeployments({ owner: this.ctx.owner, repo: this.ctx.repo, environment, per_page: 50 });
      return data.find((x) => (x.payload as { releaseId?: unknown } | null)?.releaseId === releaseId)?.id;
    } catch (error) {
      return this.skip(reason(error));
    }
  }

  /**
   * The deployment of this release in this environment: found again when a resumed rollout
   * (another job, after an approval) starts, created otherwise. Undefined, with the reason
   * logged, when GitHub cannot be written.
   */
  async start(d: DeploymentStart & { releaseId: string }): Promise<number | undefined> {
    if (!this.ctx.token) return this.skip('no GitHub token');
    const found = await this.find(d.environment, d.releaseId);
    if (found !== undefined) return found;
    try {
      const { data } = await createClient(this.ctx).rest.repos.createDeployment({
        owner: this.ctx.owner,
        repo: this.ctx.repo,
        ref: d.ref,
        environment: d.environment,
        payload: { ...d.payload, releaseId: d.releaseId },
        description: plainText(d.description, 140),
        auto_merge: false,
        // The commit already passed its checks to get here; GitHub would re-check them otherwise.
        required_contexts: [],
        production_environment: d.production ?? d.environment === 'production',
      });
      return 'id' in data ? data.id : this.skip(`GitHub did not create it: ${plainText(String((data as { message?: string }).message ?? 'no reason'), 200)}`);
    } catch (error) {
      return this.skip(reason(error));
    }
  }

  /** Adds a status to a deployment created by {@link start}. */
  async status(id: number, state: DeploymentState, description: string, environmentUrl?: string): Promise<WriteOutcome> {
    if (!this.ctx.token) return { done: false, reason: 'no GitHub token' };
    try {
      const { data } = await createClient(this.ctx).rest.repos.createDeploymentStatus({
        owner: this.ctx.owner,
        repo: this.ctx.repo,
        deployment_id: id,
        state,
        description: plainText(description, 140),
        log_url: this.ctx.runUrl,
        ...(environmentUrl ? { environment_url: environmentUrl } : {}),
        // A promoted release marks the ones before it inactive, as the Environments page expects.
        auto_inactive: state === 'success',
      });
      return { done: true, action: `status ${state}`, id: data.id };
    } catch (error) {
      const why = reason(error);
      this.log?.warn(`GitHub deployment status not written: ${why}`);
      return { done: false, reason: why };
    }
  }

  private skip(why: string): undefined {
    this.log?.warn(`GitHub deployment not mirrored: ${why}`);
    return undefined;
  }
}

function reason(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = ((error as Error).message ?? String(error)).split('\n')[0] ?? '';
  if (status === 403 || status === 404) return `the token cannot write deployments (HTTP ${status}: ${message}); give the job \`deployments: write\``;
  return `HTTP ${status ?? '?'}: ${message}`;
}
