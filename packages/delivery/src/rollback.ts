import { UserError } from '@slipway/kit';
import { lastHealthyRelease, type ReleaseStore } from '@slipway/release';
import { type Clock, systemClock } from './clock.js';
import type { RollingTarget } from './rolling.js';
import type { TrafficRouter } from './router.js';
import type { RolloutState, RolloutStore } from './state.js';

/** What a rollback opens beside moving traffic, so what is declared matches what runs. */
export type RollbackFollowUp = 'none' | 'issue' | 'revert-pr';

export interface RollbackOptions {
  environment: string;
  router: TrafficRouter;
  store: RolloutStore;
  history?: ReleaseStore;
  reason: string;
  /** Undoes a rolling release (its units); canary and blue-green move the router's weights. */
  rolling?: RollingTarget;
  /** The release expected to serve afterwards; refused when stable serves another one. */
  to?: string;
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

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * Sends all traffic back to stable at once, skipping analysis, and records why.
 * Idempotent: rolling back a rollout that is already rolled back changes nothing. Refuses, before
 * touching traffic, when stable cannot be what the caller expects: a `to` release other than the
 * last healthy one, or an old version retired after a blue-green window.
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
  const restored = lastHealthyRelease(history, live?.releaseId)?.releaseId;
  if (o.to !== undefined && o.to !== restored) {
    throw new UserError(
      `cannot roll ${o.environment} back to ${short(o.to)}: the stable version serves ${restored ? short(restored) : 'an unrecorded release'}, the last healthy one`,
      { hint: `deploy ${o.to} again with canary-promote (release: ${o.to}) to put it back` },
    );
  }
  if (live?.retiredAt) {
    throw new UserError(`the version before ${short(live.releaseId)} in ${o.environment} was retired at ${live.retiredAt}: no instant rollback is left`, {
      hint: restored ? `deploy ${restored} again with canary-promote (release: ${restored})` : 'deploy the previous release again with canary-promote',
    });
  }
  // A rolling release moved units, not weights: put every unit back on the old version.
  if (state?.strategy === 'rolling') {
    if (!o.rolling) throw new UserError(`${o.environment} is a rolling release: its router has no rolling target to undo`, { hint: 'set deploy.rolling' });
    await o.rolling.undo();
  } else await o.router.rollback();
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
  return { rolledBack: live.releaseId, restored, noop: false, elapsedMs: clock.now() - started };
}
