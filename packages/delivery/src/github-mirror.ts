import type { DeploymentMirror } from '@slipway/github';
import type { Decision, RolloutState } from './state.js';

/**
 * Turns rollout decisions into GitHub deployment statuses: "canary 10%" or "rolling 50%" while it
 * runs, success when promoted, failure when rolled back, and inactive on the replaced release's
 * deployment when a blue-green retires it. Returns the controller's `onDecision` hook.
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
        description: `${s.strategy === 'rolling' ? 'rolling release' : 'canary'} of ${s.releaseId.slice(7, 19)}`,
      });
    }
    if (id === undefined) return;
    const url = deployment.environmentUrl;
    if (d.action === 'weight') await mirror.status(id, 'in_progress', `canary ${d.weight}%`, url);
    else if (d.action === 'batch') await mirror.status(id, 'in_progress', `rolling ${d.weight}%: ${d.reason}`, url);
    else if (d.action === 'retire') {
      // The old release's deployment goes inactive: it no longer serves, and no rollback returns to it at once.
      const old = s.replaces ? await mirror.find(s.environment, s.replaces) : undefined;
      if (old !== undefined) await mirror.status(old, 'inactive', d.reason);
    } else if (d.action === 'promote') await mirror.status(id, 'success', 'promoted: every analysis passed', url);
    else if (d.action === 'rollback') await mirror.status(id, 'failure', `rolled back: ${d.reason}`, url);
    else if ((d.action === 'hold' || d.action === 'pause') && s.status === 'paused')
      await mirror.status(id, 'in_progress', `paused at ${d.weight}%: ${d.reason}`, url);
    else if (d.action === 'hold') await mirror.status(id, 'in_progress', `approved: continuing from ${d.weight}%`, url);
  };
}
