import { UserError } from '@slipway/kit';
import { lastHealthyRelease, type ReleaseStore } from '@slipway/release';
import { type Clock, systemClock } from './clock.js';
import type { TrafficRouter } from './router.js';
import type { RolloutState, RolloutStore } from './state.js';

export interface RollbackOptions {
  environment: string;
  router: TrafficRouter;
  store: RolloutStore;
  history?: ReleaseStore;
  reason: string;
  clock?: Clock;
}

export interface RollbackResult {
  /** The release that was rolled back, when a rollout was live. */
  rolledBack: string | undefined;
  /** The release now serving: the last one that was healthy in this environment. */
  restored: string | undefined;
  /** True when there was nothing to do (already rolled back). */
  noop: boolean;
  elapsedMs: number;
}

/**
 * Sends all traffic back to stable at once, skipping analysis, and records why.
 * Idempotent: rolling back a rollout that is already rolled back changes nothing.
 */
export async function rollback(o: RollbackOptions): Promise<RollbackResult> {
  const clock = o.clock ?? systemClock;
  const started = clock.now();
  const state = await o.store.load(o.environment);
  const history = o.history ? await o.history.history(o.environment) : [];
  if (!state && history.length === 0) {
    throw new UserError(`nothing has been deployed to ${o.environment}`, { hint: 'check the environment name' });
  }
  const live = state && (state.status === 'running' || state.status === 'paused' || state.status === 'promoted') ? state : undefined;
  await o.router.rollback();
  if (!live) {
    return { rolledBack: undefined, restored: lastHealthyRelease(history)?.releaseId, noop: true, elapsedMs: clock.now() - started };
  }
  const at = new Date(clock.now()).toISOString();
  const next: RolloutState = {
    ...live,
    status: 'rolled-back',
    weight: 0,
    decisions: [...live.decisions, { at, step: live.stepIndex, action: 'rollback', weight: 0, reason: o.reason }],
  };
  await o.store.save(next);
  await o.history?.append({ environment: o.environment, releaseId: live.releaseId, outcome: 'rolled-back', at, reason: o.reason });
  const restored = lastHealthyRelease(o.history ? await o.history.history(o.environment) : [], live.releaseId)?.releaseId;
  return { rolledBack: live.releaseId, restored, noop: false, elapsedMs: clock.now() - started };
}
