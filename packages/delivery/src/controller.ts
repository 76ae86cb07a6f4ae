import { type Logger, UserError } from '@slipway/kit';
import type { HistoryEntry, ReleaseStore } from '@slipway/release';
import { CanaryJudge, type LookResult } from './analysis/judge.js';
import type { AnalysisOutcome } from './analysis/metric.js';
import { type Clock, systemClock } from './clock.js';
import type { TrafficRouter } from './router.js';
import type { MetricSource } from './source.js';
import type { Decision, RolloutState, RolloutStore } from './state.js';
import { type CanaryStrategy, type CanaryStrategyInput, canaryStrategySchema, durationToMs, parseStrategy } from './strategy.js';

export interface CanaryRunOptions {
  environment: string;
  releaseId: string;
  strategy: CanaryStrategyInput;
  router: TrafficRouter;
  source: MetricSource;
  store: RolloutStore;
  /** The environment's release history: in-progress, then promoted or rolled-back. */
  history?: ReleaseStore;
  clock?: Clock;
  log?: Logger;
  /** A person approved the pause or the inconclusive hold this rollout stopped at; go on. */
  approved?: boolean;
  /** Called after each decision is saved (mirrors, reports); awaited, and its errors propagate. */
  onDecision?: (decision: Decision, state: RolloutState) => void | Promise<void>;
  /** The release live before this one: what a blue-green retirement drains and records. */
  replaces?: string;
}

export type CanaryResult = 'promoted' | 'rolled-back' | 'paused';

export interface CanaryRunResult {
  result: CanaryResult;
  state: RolloutState;
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Rolls a release out by the strategy's steps, judging the canary at each analysis step, and
 * promotes it or rolls it back. Every transition is saved (compare-and-swap) before the next one,
 * so a controller killed at any point can be run again with the same arguments: it continues
 * where the last one stopped, and a finished rollout is reported, not repeated.
 */
export async function runCanary(o: CanaryRunOptions): Promise<CanaryRunResult> {
  const strategy = parseStrategy(canaryStrategySchema, o.strategy, 'canary strategy', 'see docs/delivery.md for the strategy format');
  const clock = o.clock ?? systemClock;
  const log = o.log ?? quiet;
  const iso = () => new Date(clock.now()).toISOString();

  let state = await o.store.load(o.environment);
  const retirePending = (s: RolloutState) => s.status === 'promoted' && strategy.retire !== undefined && !s.retiredAt;
  if (state && state.releaseId === o.releaseId && (state.status === 'promoted' || state.status === 'rolled-back') && !retirePending(state)) {
    log.info(`release ${short(o.releaseId)} already ${state.status} in ${o.environment}; nothing to do`);
    return { result: state.status, state };
  }
  if (state && state.releaseId !== o.releaseId && (state.status === 'running' || state.status === 'paused')) {
    throw new UserError(`a rollout of ${short(state.releaseId)} is still ${state.status} in ${o.environment}`, {
      hint: 'finish it, or roll it back first (slipway rollback)',
    });
  }
  if (!state || state.releaseId !== o.releaseId) {
    state = await o.store.save({
      environment: o.environment,
      releaseId: o.releaseId,
      status: 'running',
      stepIndex: 0,
      weight: await o.router.canaryWeight(),
      startedAt: iso(),
      stepStartedAt: iso(),
      decisions: [],
      strategy: 'canary',
      ...(o.replaces ? { replaces: o.replaces } : {}),
      revision: state?.revision ?? 0,
    });
    await appendHistory(o, 'in-progress', iso(), 'rollout started');
  }

  const record = async (decision: Omit<Decision, 'at' | 'step' | 'weight'>, change: Partial<RolloutState> = {}): Promise<void> => {
    const cur = state as RolloutState;
    const full: Decision = { at: iso(), step: cur.stepIndex, weight: change.weight ?? cur.weight, ...decision };
    state = await o.store.save({ ...cur, ...change, decisions: [...cur.decisions, full] });
    await o.onDecision?.(full, state);
    log.info(`${o.environment}: ${full.action} at ${full.weight}% — ${full.reason}`);
  };

  if (state.status === 'promoted') return retire(o, strategy, state, record, clock);

  if (state.status === 'paused') {
    const pausedAt = Date.parse(state.decisions.at(-1)?.at ?? state.stepStartedAt);
    const timeout = strategy.approvalTimeout === undefined ? undefined : durationToMs(strategy.approvalTimeout);
    if (!o.approved && (timeout === undefined || clock.now() - pausedAt < timeout)) return { result: 'paused', state };
    if (o.approved) {
      await record({ action: 'hold', reason: 'approved: continuing' }, { status: 'running', stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    } else if (strategy.onApprovalTimeout === 'promote') {
      await record(
        { action: 'hold', outcome: 'inconclusive', reason: `no approval within ${strategy.approvalTimeout}: continuing as onApprovalTimeout says` },
        { status: 'running', stepIndex: state.stepIndex + 1, stepStartedAt: iso() },
      );
    } else {
      await o.router.rollback();
      const why = `no approval within ${strategy.approvalTimeout}: rolled back as onApprovalTimeout says`;
      await record({ action: 'rollback', outcome: 'inconclusive', reason: why }, { status: 'rolled-back', weight: 0 });
      await appendHistory(o, 'rolled-back', iso(), why);
      return { result: 'rolled-back', state };
    }
  }

  while (state.stepIndex < strategy.steps.length) {
    const step = strategy.steps[state.stepIndex] as CanaryStrategy['steps'][number];
    if ('setWeight' in step) {
      await o.router.setCanaryWeight(step.setWeight);
      await record(
        { action: 'weight', reason: `canary weight set to ${step.setWeight}%` },
        { weight: step.setWeight, stepIndex: state.stepIndex + 1, stepStartedAt: iso() },
      );
    } else if ('pause' in step) {
      if (step.pause === 'approval') {
        await record({ action: 'pause', reason: 'waiting for approval' }, { status: 'paused' });
        return { result: 'paused', state };
      }
      const until = Date.parse(state.stepStartedAt) + durationToMs(step.pause);
      if (until > clock.now()) await clock.sleep(until - clock.now());
      await record({ action: 'pause', reason: `paused ${step.pause}` }, { stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    } else {
      const outcome = await analyse(o, strategy, step.analysis, state, clock, (look) =>
        record({ action: 'look', outcome: look.outcome, reason: lookReason(look), metrics: look.metrics.map(slim) }),
      );
      if (outcome === 'fail' || outcome === 'error' || (outcome === 'inconclusive' && strategy.onInconclusive === 'rollback')) {
        await o.router.rollback();
        await record({ action: 'rollback', outcome, reason: `analysis ${outcome}: rolled back` }, { status: 'rolled-back', weight: 0 });
        await appendHistory(o, 'rolled-back', iso(), `analysis ${outcome} at step ${state.stepIndex + 1}`);
        return { result: 'rolled-back', state };
      }
      if (outcome === 'inconclusive' && strategy.onInconclusive === 'pause') {
        await record({ action: 'hold', outcome, reason: 'analysis inconclusive: waiting for approval' }, { status: 'paused' });
        return { result: 'paused', state };
      }
      await record({ action: 'advance', reason: `analysis ${outcome}: next step` }, { stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
    }
  }
  await o.router.promote();
  await record({ action: 'promote', reason: 'every step passed: promoted' }, { status: 'promoted', weight: 100 });
  await appendHistory(o, 'promoted', iso(), 'every analysis passed');
  return retire(o, strategy, state, record, clock);
}

/**
 * Blue-green: once the instant-rollback window (`retire.after`, counted from the promotion) is
 * over, drains the old version at the router and records its retirement; until then `rollback`
 * still sends traffic back to it at once. A no-op without `retire` in the strategy.
 */
async function retire(
  o: CanaryRunOptions,
  strategy: CanaryStrategy,
  state: RolloutState,
  record: (d: Omit<Decision, 'at' | 'step' | 'weight'>, change?: Partial<RolloutState>) => Promise<void>,
  clock: Clock,
): Promise<CanaryRunResult> {
  if (!strategy.retire || state.retiredAt) return { result: 'promoted', state };
  const promotedAt = Date.parse(state.decisions.findLast((d) => d.action === 'promote')?.at ?? state.stepStartedAt);
  const until = promotedAt + durationToMs(strategy.retire.after);
  if (until > clock.now()) await clock.sleep(until - clock.now());
  // Rolled back during the window (by another run): nothing to retire.
  const latest = await o.store.load(o.environment);
  if (latest && (latest.revision !== state.revision || latest.status !== 'promoted'))
    return { result: latest.status === 'promoted' ? 'promoted' : 'rolled-back', state: latest };
  const drained = o.router.retire
    ? await o.router.retire(durationToMs(strategy.retire.drain))
    : { drained: true, detail: `router ${o.router.name} has nothing to drain` };
  const old = state.replaces;
  const reason = `retired ${old ? old.replace(/^sha256:/, '').slice(0, 12) : 'the old version'} after the rollback window: ${drained.detail}`;
  await record({ action: 'retire', reason }, { retiredAt: new Date(clock.now()).toISOString() });
  if (old) await o.history?.append({ environment: o.environment, releaseId: old, outcome: 'retired', at: new Date(clock.now()).toISOString(), reason });
  return { result: 'promoted', state: (await o.store.load(o.environment)) ?? state };
}

/** Watches one analysis step to its verdict. */
async function analyse(
  o: CanaryRunOptions,
  strategy: CanaryStrategy,
  spec: { duration: string; interval: string; warmup: string },
  state: RolloutState,
  clock: Clock,
  onLook: (look: LookResult) => Promise<void>,
): Promise<AnalysisOutcome> {
  const duration = durationToMs(spec.duration);
  const interval = Math.max(1, durationToMs(spec.interval));
  const start = Date.parse(state.stepStartedAt) + durationToMs(spec.warmup);
  const judge = new CanaryJudge(strategy.metrics, { alpha: strategy.alpha, spending: strategy.spending, plannedDurationMs: duration, limits: strategy.limits });
  for (let elapsed = interval; ; elapsed = Math.min(duration, elapsed + interval)) {
    const at = start + elapsed;
    if (at > clock.now()) await clock.sleep(at - clock.now());
    let observations: Awaited<ReturnType<MetricSource['collect']>>;
    try {
      observations = await o.source.collect({ since: start, until: at });
    } catch (error) {
      observations = Object.fromEntries(strategy.metrics.map((m) => [m.name, error instanceof Error ? error : new Error(String(error))]));
    }
    const look = judge.look(observations, elapsed, elapsed >= duration);
    await onLook(look);
    if (look.outcome !== 'running') return look.outcome;
  }
}

async function appendHistory(o: CanaryRunOptions, outcome: HistoryEntry['outcome'], at: string, reason: string): Promise<void> {
  await o.history?.append({ environment: o.environment, releaseId: o.releaseId, outcome, at, reason });
}

function lookReason(look: LookResult): string {
  const bad = look.metrics.filter((m) => m.outcome !== 'running' && m.outcome !== 'pass');
  return bad.length
    ? bad.map((m) => `${m.name}: ${m.reason}`).join('; ')
    : `${look.outcome} (${look.metrics.map((m) => `${m.name} n=${m.nCanary}`).join(', ')})`;
}

function slim(m: LookResult['metrics'][number]): NonNullable<Decision['metrics']>[number] {
  const out: NonNullable<Decision['metrics']>[number] = { name: m.name, outcome: m.outcome, nCanary: m.nCanary, reason: m.reason };
  if (m.value !== undefined && Number.isFinite(m.value)) out.value = m.value;
  if (m.effect !== undefined && Number.isFinite(m.effect)) out.effect = m.effect;
  if (m.pValue !== undefined) out.pValue = m.pValue;
  if (m.level !== undefined) out.level = m.level;
  return out;
}

function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
