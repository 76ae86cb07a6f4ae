import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CanaryRunOptions,
  type CanaryStrategyInput,
  ConflictError,
  FolderRolloutStore,
  ManualClock,
  MemoryRouter,
  type MetricSource,
  type Observation,
  rollback,
  runCanary,
} from '@slipway/delivery';
import { FolderReleaseStore } from '@slipway/release';

const RELEASE_A = `sha256:${'a'.repeat(64)}`;
const RELEASE_B = `sha256:${'b'.repeat(64)}`;

const strategy: CanaryStrategyInput = {
  steps: [
    { setWeight: 10 },
    { analysis: { duration: '5m', interval: '30s' } },
    { setWeight: 50 },
    { pause: '1m' },
    { analysis: { duration: '5m', interval: '30s' } },
  ],
  metrics: [{ name: 'error-rate', test: 'proportion', minSample: 100 }],
  alpha: 0.01,
};

/** Traffic at 20 req/s split by the router's weight, with the canary's error rate as given. */
function source(clock: ManualClock, router: MemoryRouter, canaryErrorRate: number, opts: { fail?: boolean } = {}): MetricSource {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return {
    async collect({ since, until }): Promise<Record<string, Observation | Error>> {
      if (opts.fail) return { 'error-rate': new Error('stats API unreachable') };
      const seconds = Math.max(0, (until - since) / 1000);
      const canaryTrials = Math.round(20 * seconds * (router.weight / 100));
      const stableTrials = Math.round(20 * seconds) - canaryTrials;
      let canaryErrors = 0;
      for (let i = 0; i < canaryTrials; i++) if (rand() < canaryErrorRate) canaryErrors++;
      let stableErrors = 0;
      for (let i = 0; i < stableTrials; i++) if (rand() < 0.01) stableErrors++;
      void clock;
      return {
        'error-rate': { test: 'proportion', stable: { events: stableErrors, trials: stableTrials }, canary: { events: canaryErrors, trials: canaryTrials } },
      };
    },
  };
}

async function setup() {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-delivery-'));
  const parts = { store: new FolderRolloutStore(dir), history: new FolderReleaseStore(dir), router: new MemoryRouter(), clock: new ManualClock() };
  /** Runs a canary of RELEASE_A to production with 1% canary errors unless told otherwise. */
  const canary = (o: Partial<CanaryRunOptions> & { errorRate?: number; failSource?: boolean } = {}) => {
    const { errorRate = 0.01, failSource = false, ...rest } = o;
    return runCanary({
      environment: 'production',
      releaseId: RELEASE_A,
      strategy,
      router: parts.router,
      source: source(parts.clock, parts.router, errorRate, { fail: failSource }),
      store: parts.store,
      history: parts.history,
      clock: parts.clock,
      ...rest,
    });
  };
  return { ...parts, canary };
}

describe('canary controller', () => {
  test('a good canary goes 10% -> 50% -> 100% and is promoted, every step recorded', async () => {
    const { history, router, canary } = await setup();
    const { result, state } = await canary();
    expect(result).toBe('promoted');
    expect(router.calls).toEqual(['weight 10', 'weight 50', 'promote']);
    expect(state.decisions.filter((d) => d.action === 'look' && d.outcome === 'pass')).toHaveLength(2);
    expect((await history.history('production')).map((h) => h.outcome)).toEqual(['in-progress', 'promoted']);
    // 5 min + 1 min + 5 min of analysis and pause, on the injected clock.
    expect(Date.parse(state.decisions.at(-1)?.at ?? '') - Date.parse(state.startedAt)).toBe(11 * 60_000);
  });

  test('a canary with five times the errors is rolled back early, at the first analysis', async () => {
    const { history, router, canary } = await setup();
    const { result, state } = await canary({ errorRate: 0.05 });
    expect(result).toBe('rolled-back');
    expect(router.calls).toEqual(['weight 10', 'rollback']);
    const fail = state.decisions.find((d) => d.outcome === 'fail');
    expect(fail?.reason).toMatch(/error-rate: canary worse than stable/);
    expect(Date.parse(fail?.at ?? '') - Date.parse(state.startedAt)).toBeLessThan(5 * 60_000);
    expect((await history.history('production')).map((h) => h.outcome)).toEqual(['in-progress', 'rolled-back']);
  });

  test('a source that keeps failing is an error and rolls back', async () => {
    const { canary } = await setup();
    const { result, state } = await canary({ environment: 'staging', failSource: true });
    expect(result).toBe('rolled-back');
    expect(state.decisions.at(-1)?.outcome).toBe('error');
  });

  test('too little traffic is inconclusive and pauses; approval continues the rollout', async () => {
    const { router, canary } = await setup();
    const thin: CanaryStrategyInput = { ...strategy, metrics: [{ name: 'error-rate', test: 'proportion', minSample: 1_000_000 }] };
    const first = await canary({ strategy: thin });
    expect(first.result).toBe('paused');
    expect(first.state.decisions.at(-1)?.reason).toMatch(/inconclusive/);
    expect(router.weight).toBe(10);
    const again = await canary({ strategy: thin });
    expect(again.result).toBe('paused');
    const approved = await canary({ strategy: { ...thin, onInconclusive: 'promote' }, approved: true });
    expect(approved.result).toBe('promoted');
  });

  test('a controller killed mid-rollout is re-run and finishes the job without repeating steps', async () => {
    const { history, router, canary } = await setup();
    let decisions = 0;
    const killAfter = 4;
    await expect(
      canary({
        onDecision: () => {
          if (++decisions === killAfter) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(router.weight).toBe(10);
    const rerun = await canary();
    expect(rerun.result).toBe('promoted');
    expect(router.calls.filter((c) => c === 'weight 10')).toHaveLength(1);
    // A finished rollout re-run is reported, not repeated.
    const third = await canary();
    expect(third.result).toBe('promoted');
    expect(router.calls.filter((c) => c === 'promote')).toHaveLength(1);
    expect((await history.history('production')).map((h) => h.outcome)).toEqual(['in-progress', 'promoted']);
  });

  test('two controllers cannot both move the same rollout', async () => {
    const { store } = await setup();
    const base = {
      environment: 'production',
      releaseId: RELEASE_A,
      status: 'running' as const,
      stepIndex: 0,
      weight: 0,
      startedAt: '',
      stepStartedAt: '',
      decisions: [],
      revision: 0,
    };
    const saved = await store.save(base);
    await store.save({ ...saved, stepIndex: 1 });
    await expect(store.save({ ...saved, stepIndex: 2 })).rejects.toBeInstanceOf(ConflictError);
  });

  test('a new release cannot start while another is mid-rollout', async () => {
    const { canary } = await setup();
    const approval: CanaryStrategyInput = { ...strategy, steps: [{ setWeight: 10 }, { pause: 'approval' }] };
    await canary({ strategy: approval });
    await expect(canary({ releaseId: RELEASE_B, strategy: approval })).rejects.toThrow(/still paused in production/);
  });

  test('a bad strategy is a user error naming the field', async () => {
    const { canary } = await setup();
    await expect(canary({ strategy: { steps: [{ setWeight: 150 }], metrics: [] } })).rejects.toMatchObject({
      name: 'UserError',
      message: expect.stringMatching(/^canary strategy: steps\.0\.setWeight: /),
    });
  });
});

describe('rollback', () => {
  test('sends traffic back to stable at once, records why, and is idempotent', async () => {
    const { store, history, router, clock, canary } = await setup();
    await history.append({ environment: 'production', releaseId: RELEASE_B, outcome: 'promoted', at: '2026-11-26T12:00:00.000Z' });
    await canary({ strategy: { ...strategy, steps: [{ setWeight: 25 }, { pause: 'approval' }] } });
    expect(router.weight).toBe(25);
    const first = await rollback({ environment: 'production', router, store, history, reason: 'monitor: error budget burned', clock });
    expect(first).toMatchObject({ rolledBack: RELEASE_A, restored: RELEASE_B, noop: false });
    expect(router.weight).toBe(0);
    const second = await rollback({ environment: 'production', router, store, history, reason: 'again', clock });
    expect(second).toMatchObject({ rolledBack: undefined, restored: RELEASE_B, noop: true });
    const outcomes = (await history.history('production')).map((h) => h.outcome);
    expect(outcomes).toEqual(['promoted', 'in-progress', 'rolled-back']);
    expect((await store.load('production'))?.decisions.at(-1)?.reason).toBe('monitor: error budget burned');
  });

  test('an environment that never saw a release is a user error', async () => {
    const { store, history, router } = await setup();
    await expect(rollback({ environment: 'nowhere', router, store, history, reason: 'x' })).rejects.toThrow('nothing has been deployed to nowhere');
  });
});

describe('approval timeout', () => {
  const waiting: CanaryStrategyInput = { ...strategy, steps: [{ setWeight: 10 }, { pause: 'approval' }, { setWeight: 50 }], approvalTimeout: '1h' };

  test('a pause nobody approves stays paused until the timeout, then rolls back as configured', async () => {
    const { history, router, clock, canary } = await setup();
    expect((await canary({ strategy: waiting })).result).toBe('paused');
    clock.sleep(59 * 60_000);
    expect((await canary({ strategy: waiting })).result).toBe('paused');
    expect(router.weight).toBe(10);
    clock.sleep(2 * 60_000);
    const late = await canary({ strategy: waiting });
    expect(late.result).toBe('rolled-back');
    expect(router.weight).toBe(0);
    expect(late.state.decisions.at(-1)).toMatchObject({
      action: 'rollback',
      outcome: 'inconclusive',
      reason: 'no approval within 1h: rolled back as onApprovalTimeout says',
    });
    expect((await history.history('production')).map((h) => h.outcome)).toEqual(['in-progress', 'rolled-back']);
  });

  test('onApprovalTimeout: promote continues the rollout after the timeout', async () => {
    const { router, clock, canary } = await setup();
    const promoting = { ...waiting, onApprovalTimeout: 'promote' as const };
    await canary({ strategy: promoting });
    clock.sleep(61 * 60_000);
    expect((await canary({ strategy: promoting })).result).toBe('promoted');
    expect(router.calls).toEqual(['weight 10', 'weight 50', 'promote']);
  });

  test('an approval before the timeout continues as before', async () => {
    const { router, canary } = await setup();
    await canary({ strategy: waiting });
    expect((await canary({ strategy: waiting, approved: true })).result).toBe('promoted');
    expect(router.weight).toBe(100);
  });
});

describe('blue-green retirement', () => {
  const BLUE = RELEASE_B;
  const blueGreen: CanaryStrategyInput = {
    steps: [{ setWeight: 0 }, { analysis: { duration: '1m', interval: '30s' } }, { setWeight: 100 }, { analysis: { duration: '1m', interval: '30s' } }],
    metrics: [{ name: 'error-rate', test: 'proportion', minSample: 1 }],
    retire: { after: '10m', drain: '30s' },
  };
  // Green is judged through the override header at 0%, so its samples do not depend on the weight.
  const green: MetricSource = {
    async collect() {
      return { 'error-rate': { test: 'proportion', stable: { events: 5, trials: 500 }, canary: { events: 1, trials: 200 } } };
    },
  };

  test('after the instant-rollback window the old version is drained at the router and recorded as retired', async () => {
    const { history, router, clock, canary } = await setup();
    await history.append({ environment: 'production', releaseId: BLUE, outcome: 'promoted', at: '2026-11-26T12:00:00.000Z' });
    const run = await canary({ strategy: blueGreen, replaces: BLUE, source: green });
    expect(run.result).toBe('promoted');
    expect(router.calls).toEqual(['weight 0', 'weight 100', 'promote', 'retire']);
    const promoteAt = Date.parse(run.state.decisions.find((d) => d.action === 'promote')?.at ?? '');
    const retire = run.state.decisions.find((d) => d.action === 'retire');
    expect(Date.parse(retire?.at ?? '') - promoteAt).toBe(10 * 60_000);
    expect(retire?.reason).toMatch(/^retired bbbbbbbbbbbb after the rollback window: memory router: nothing in flight$/);
    expect(run.state.retiredAt).toBe(retire?.at);
    const h = await history.history('production');
    expect(h.map((e) => [e.releaseId, e.outcome])).toEqual([
      [BLUE, 'promoted'],
      [RELEASE_A, 'in-progress'],
      [RELEASE_A, 'promoted'],
      [BLUE, 'retired'],
    ]);
    expect(clock.now()).toBeGreaterThan(promoteAt);
    // Re-running a finished, retired rollout does nothing more.
    await canary({ strategy: blueGreen, replaces: BLUE, source: green });
    expect(router.calls.filter((c) => c === 'retire')).toHaveLength(1);
  });

  test('once the old version is retired, rollback refuses: there is nothing instant to go back to', async () => {
    const { store, history, router, canary } = await setup();
    await history.append({ environment: 'production', releaseId: BLUE, outcome: 'promoted', at: '2026-11-26T12:00:00.000Z' });
    await canary({ strategy: blueGreen, replaces: BLUE, source: green });
    await expect(rollback({ environment: 'production', router, store, history, reason: 'too late' })).rejects.toThrow(
      /^the version before aaaaaaaaaaaa in production was retired at .*: no instant rollback is left$/,
    );
    expect(router.weight).toBe(100);
  });

  test('a controller killed inside the window retires on the next run, once', async () => {
    const { history, router, canary } = await setup();
    await history.append({ environment: 'production', releaseId: BLUE, outcome: 'promoted', at: '2026-11-26T12:00:00.000Z' });
    await expect(
      canary({
        strategy: blueGreen,
        replaces: BLUE,
        source: green,
        onDecision: (d) => {
          if (d.action === 'promote') throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(router.calls).not.toContain('retire');
    const again = await canary({ strategy: blueGreen, replaces: BLUE, source: green });
    expect(again.result).toBe('promoted');
    expect(router.calls.filter((c) => c === 'retire')).toHaveLength(1);
    expect((await history.history('production')).filter((e) => e.outcome === 'retired')).toHaveLength(1);
  });

  test('rollback to a given release: the last healthy one is accepted, another is refused before traffic moves', async () => {
    const { store, history, router, canary } = await setup();
    await history.append({ environment: 'production', releaseId: BLUE, outcome: 'promoted', at: '2026-11-26T12:00:00.000Z' });
    await canary({ strategy: { ...strategy, steps: [{ setWeight: 25 }, { pause: 'approval' }] } });
    const other = `sha256:${'d'.repeat(64)}`;
    await expect(rollback({ environment: 'production', router, store, history, reason: 'x', to: other })).rejects.toThrow(
      /^cannot roll production back to dddddddddddd: the stable version serves bbbbbbbbbbbb/,
    );
    expect(router.weight).toBe(25);
    const ok = await rollback({ environment: 'production', router, store, history, reason: 'x', to: BLUE });
    expect(ok).toMatchObject({ rolledBack: RELEASE_A, restored: BLUE });
  });
});

describe('warm-up', () => {
  test('the first measurement starts after the warm-up: samples from it are never judged', async () => {
    const { canary, clock } = await setup();
    const windows: { since: number; until: number }[] = [];
    const started = clock.now();
    const recording: MetricSource = {
      async collect(w) {
        windows.push(w);
        return { 'error-rate': { test: 'proportion', stable: { events: 5, trials: 500 }, canary: { events: 1, trials: 200 } } };
      },
    };
    const run = await canary({
      source: recording,
      strategy: { ...strategy, steps: [{ setWeight: 10 }, { analysis: { duration: '2m', interval: '1m', warmup: '3m' } }] },
    });
    expect(run.result).toBe('promoted');
    expect(windows.map((w) => [(w.since - started) / 60_000, (w.until - started) / 60_000])).toEqual([
      [3, 4],
      [3, 5],
    ]);
  });
});
