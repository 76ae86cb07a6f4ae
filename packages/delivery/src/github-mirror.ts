import type { DeploymentMirror } from '@slipway/github';
import type { Decision, RolloutState } from './state.js';

/**
 * Turns rollout decisions into GitHub deployment statuses: "canary 10%" while it runs, success when
 * promoted, failure when rolled back. Returns the controller's `onDecision` hook.
 */
export function mirrorDecisions(
  mirror: DeploymentMirror,
  deployment: { ref: string; environmentUrl?: string },
): (d: Decision, s: RolloutState) => Promise<void> {
  let id: number | undefined;
  let tried = false;
  return async (d, s) => {
    if (!tried) {
      tried = true;
      id = await mirror.start({
        environment: s.environment,
        ref: deployment.ref,
        releaseId: s.releaseId,
        payload: { slipway: 1 },
        description: `canary of ${s.releaseId.slice(7, 19)}`,
      });
    }
    if (id === undefined) return;
    const url = deployment.environmentUrl;
    if (d.action === 'weight') await mirror.status(id, 'in_progress', `canary ${d.weight}%`, url);
    else if (d.action === 'promote') await mirror.status(id, 'success', 'promoted: every analysis passed', url);
    else if (d.action === 'rollback') await mirror.status(id, 'failure', `rolled back: ${d.reason}`, url);
    else if ((d.action === 'hold' || d.action === 'pause') && s.status === 'paused')
      await mirror.status(id, 'in_progress', `paused at ${d.weight}%: ${d.reason}`, url);
    else if (d.action === 'hold') await mirror.status(id, 'in_progress', `approved: continuing from ${d.weight}%`, url);
  };
}
