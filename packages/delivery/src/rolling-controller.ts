import { rollingStrategySchema } from '@slipway/config';
import { type Logger, UserError } from '@slipway/kit';
import type { HistoryEntry, ReleaseStore } from '@slipway/release';
import type { z } from 'zod';
import { type Clock, systemClock } from './clock.js';
import type { RollingTarget } from './rolling.js';
import type { Decision, RolloutState, RolloutStore } from './state.js';
import { durationToMs, parseStrategy } from './strategy.js';

export type RollingStrategy = z.infer<typeof rollingStrategySchema>;
export type RollingStrategyInput = z.input<typeof rollingStrategySchema>;

export interface RollingRunOptions {
  environment: string;
  releaseId: string;
  strategy: RollingStrategyInput;
  target: RollingTarget;
  store: RolloutStore;
  history?: ReleaseStore;
  clock?: Clock;
  log?: Logger;
  /** Called after each decision is saved (GitHub Deployments, reports); awaited. */
  onDecision?: (decision: Decision, state: RolloutState) => void | Promise<void>;
}

export interface RollingRunResult {
  result: 'promoted' | 'rolled-back';
  state: RolloutState;
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** How many units run the new version after each batch: `batchSize` at a time, or `batches` even parts. */
export function batchPlan(size: number, strategy: Pick<RollingStrategy, 'batchSize' | 'batches'>): number[] {
  if (size < 1) return [];
  const counts: number[] = [];
  if (strategy.batches !== undefined) {
    const n = Math.min(strategy.batches, size);
    for (let k = 1; k <= n; k++) counts.push(Math.round((k * size) / n));
  } else {
    const step = strategy.batchSize ?? 1;
    for (let c = step; c < size + step; c += step) counts.push(Math.min(c, size));
  }
  return counts;
}

/**
 * Replaces a target's units batch by batch: moves a batch, waits until the target reports it
 * healthy (within `timeout`, then for `soak`), then moves the next; an unhealthy batch undoes the
 * whole release. Every transition is saved with compare-and-swap first, so a killed controller run
 * again continues with the batch it was on (moving units is idempotent) and a finished release is
 * reported, not repeated.
 */
export async function runRolling(o: RollingRunOptions): Promise<RollingRunResult> {
  const strategy = parseStrategy(rollingStrategySchema, o.strategy, 'rolling strategy', 'see docs/delivery.md for deploy.rolling');
  const clock = o.clock ?? systemClock;
  const log = o.log ?? quiet;
  const iso = () => new Date(clock.now()).toISOString();

  let state = await o.store.load(o.environment);
  if (state && state.releaseId === o.releaseId && (state.status === 'promoted' || state.status === 'rolled-back')) {
    log.info(`release ${short(o.releaseId)} already ${state.status} in ${o.environment}; nothing to do`);
    return { result: state.status, state };
  }
  if (state && state.releaseId !== o.releaseId && (state.status === 'running' || state.status === 'paused')) {
    throw new UserError(`a rollout of ${short(state.releaseId)} is still ${state.status} in ${o.environment}`, {
      hint: 'finish it, or roll it back first (slipway rollback)',
    });
  }
  const size = await o.target.size();
  if (size < 1) throw new UserError(`${o.target.name}: nothing to replace (0 units)`, { hint: 'check deploy.rolling and the target' });
  const plan = batchPlan(size, strategy);
  if (!state || state.releaseId !== o.releaseId) {
    state = await o.store.save({
      environment: o.environment,
      releaseId: o.releaseId,
      strategy: 'rolling',
      status: 'running',
      stepIndex: 0,
      weight: 0,
      startedAt: iso(),
      stepStartedAt: iso(),
      decisions: [],
      revision: state?.revision ?? 0,
    });
    await appendHistory(o, 'in-progress', iso(), `rolling release started: ${plan.length} batches of ${size} units on ${o.target.name}`);
  }

  const record = async (decision: Omit<Decision, 'at' | 'step' | 'weight'>, change: Partial<RolloutState> = {}): Promise<void> => {
    const cur = state as RolloutState;
    const full: Decision = { at: iso(), step: cur.stepIndex, weight: change.weight ?? cur.weight, ...decision };
    state = await o.store.save({ ...cur, ...change, decisions: [...cur.decisions, full] });
    await o.onDecision?.(full, state);
    log.info(`${o.environment}: ${full.action} at ${full.weight}% — ${full.reason}`);
  };

  while (state.stepIndex < plan.length) {
    const batch = state.stepIndex;
    const count = plan[batch] as number;
    const weight = Math.round((count / size) * 100);
    // A resumed batch moves again (idempotent) but keeps its deadline: re-running buys no extra time.
    const resumed = state.decisions.at(-1)?.action === 'batch' && state.decisions.at(-1)?.step === batch;
    await o.target.updateTo(count);
    if (!resumed) {
      await record(
        { action: 'batch', reason: `batch ${batch + 1}/${plan.length}: ${count} of ${size} units on the new version` },
        { weight, stepStartedAt: iso() },
      );
    }
    const verdict = await watchBatch(o.target, strategy, Date.parse(state.stepStartedAt), clock);
    if (!verdict.healthy) {
      await o.target.undo();
      await record({ action: 'look', outcome: 'fail', reason: verdict.reason });
      await record({ action: 'rollback', outcome: 'fail', reason: `batch ${batch + 1} unhealthy: undone` }, { status: 'rolled-back', weight: 0 });
      await appendHistory(o, 'rolled-back', iso(), `batch ${batch + 1}/${plan.length} unhealthy: ${verdict.reason}`);
      return { result: 'rolled-back', state };
    }
    await record({ action: 'look', outcome: 'pass', reason: verdict.reason });
    await record({ action: 'advance', reason: `batch ${batch + 1} healthy: next` }, { stepIndex: batch + 1, stepStartedAt: iso() });
  }
  await record({ action: 'promote', reason: `all ${size} units on the new version: promoted` }, { status: 'promoted', weight: 100 });
  await appendHistory(o, 'promoted', iso(), 'every batch was healthy');
  return { result: 'promoted', state };
}

/**
 * Polls a batch's health: it must turn healthy before `timeout` (counted from when the batch moved),
 * then stay healthy through `soak`. Not healthy yet is waiting; unhealthy during the soak is final.
 */
async function watchBatch(target: RollingTarget, strategy: RollingStrategy, movedAt: number, clock: Clock): Promise<{ healthy: boolean; reason: string }> {
  const interval = Math.max(1, durationToMs(strategy.interval));
  const deadline = movedAt + durationToMs(strategy.timeout);
  const soak = durationToMs(strategy.soak);
  let healthySince: number | undefined;
  for (;;) {
    const h = await target.health();
    if (h.healthy) {
      healthySince ??= clock.now();
      if (clock.now() - healthySince >= soak) return { healthy: true, reason: h.reason };
    } else if (healthySince !== undefined) {
      return { healthy: false, reason: `turned unhealthy during the soak: ${h.reason}` };
    } else if (clock.now() >= deadline) {
      return { healthy: false, reason: `not healthy after ${strategy.timeout}: ${h.reason}` };
    }
    const next = healthySince === undefined ? Math.min(deadline, clock.now() + interval) : Math.min(healthySince + soak, clock.now() + interval);
    await clock.sleep(Math.max(1, next - clock.now()));
  }
}

async function appendHistory(o: RollingRunOptions, outcome: HistoryEntry['outcome'], at: string, reason: string): Promise<void> {
  await o.history?.append({ environment: o.environment, releaseId: o.releaseId, outcome, at, reason });
}

function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
