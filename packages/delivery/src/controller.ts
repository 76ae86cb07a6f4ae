import { type Logger, UserError } from '@slipway/kit';
import type { HistoryEntry, ReleaseStore } from '@slipway/release';
import { CanaryJudge, type LookResult } from './analysis/judge.js';
import type { AnalysisOutcome } from './analysis/metric.js';
import { type Clock, systemClock } from './clock.js';
import type { TrafficRouter } from './router.js';
import type { MetricSource } from './source.js';
import type { Decision, RolloutState, RolloutStore } from './state.js';
import { type CanaryStrategy, type CanaryStrategyInput, canaryStrategySchema, durationToMs } from './strategy.js';

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
  const parsed = canaryStrategySchema.safeParse(o.strategy);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`canary strategy: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`, {
      hint: 'see docs/delivery.md for the strategy format',
    });
  }
  const strategy = parsed.data;
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

  if (state.status === 'paused') {
    if (!o.approved) return { result: 'paused', state };
    await record({ action: 'hold', reason: 'approved: continuing' }, { status: 'running', stepIndex: state.stepIndex + 1, stepStartedAt: iso() });
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
  return { result: 'promoted', state };
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
