import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { batchPlan, FolderRolloutStore, ManualClock, MemoryRouter, type RollingRunOptions, type RollingTarget, rollback, runRolling } from '@slipway/delivery';
import { FolderReleaseStore } from '@slipway/release';

const RELEASE = `sha256:${'c'.repeat(64)}`;

/** Replicas in memory; `sick(n)` says whether the n-th updated unit (1-based) fails its health check. */
class MemoryTarget implements RollingTarget {
  readonly name = 'memory replicas';
  readonly calls: string[] = [];
  count = 0;
  constructor(
    private readonly units: number,
    private readonly sick: (unit: number, polls: number) => boolean = () => false,
  ) {}
  private polls = 0;
  async size() {
    return this.units;
  }
  async updated() {
    return this.count;
  }
  async updateTo(count: number) {
    this.calls.push(`update ${count}`);
    this.count = count;
    this.polls = 0;
  }
  async health() {
    this.polls++;
    for (let u = 1; u <= this.count; u++) if (this.sick(u, this.polls)) return { healthy: false, reason: `replica ${u} not ready` };
    return { healthy: true, reason: `${this.count} ready` };
  }
  async undo() {
    this.calls.push('undo');
    this.count = 0;
  }
}

async function setup(target: MemoryTarget, strategy: RollingRunOptions['strategy'] = { batchSize: 2, interval: '5s', timeout: '1m' }) {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-rolling-'));
  const store = new FolderRolloutStore(dir);
  const history = new FolderReleaseStore(dir);
  const clock = new ManualClock();
  const run = (extra: Partial<RollingRunOptions> = {}) =>
    runRolling({ environment: 'production', releaseId: RELEASE, strategy, target, store, history, clock, ...extra });
  return { store, history, clock, run };
}

describe('rolling strategy', () => {
  test.each([
    [5, { batchSize: 2 }, [2, 4, 5]],
    [4, { batchSize: 1 }, [1, 2, 3, 4]],
    [4, {}, [1, 2, 3, 4]],
    [10, { batches: 3 }, [3, 7, 10]],
    [2, { batches: 5 }, [1, 2]],
    [3, { batchSize: 10 }, [3]],
  ])('%i units with %j go in batches %j', (size, spec, plan) => {
    expect(batchPlan(size, spec)).toEqual(plan);
  });

  test('replaces units batch by batch, each healthy before the next, and records every step', async () => {
    const target = new MemoryTarget(5);
    const { history, run } = await setup(target);
    const { result, state } = await run();
    expect(result).toBe('promoted');
    expect(target.calls).toEqual(['update 2', 'update 4', 'update 5']);
    expect(state.decisions.filter((d) => d.action === 'batch').map((d) => d.weight)).toEqual([40, 80, 100]);
    expect(state.decisions.filter((d) => d.action === 'look').every((d) => d.outcome === 'pass')).toBe(true);
    expect(state.strategy).toBe('rolling');
    expect((await history.history('production')).map((h) => h.outcome)).toEqual(['in-progress', 'promoted']);
  });

  test('a batch that is not ready yet is waited for; one that never gets healthy is undone at the timeout', async () => {
    // Replica 3 (second batch) never becomes ready.
    const target = new MemoryTarget(4, (unit) => unit === 3);
    const { history, clock, run } = await setup(target);
    const started = clock.now();
    const { result, state } = await run();
    expect(result).toBe('rolled-back');
    expect(target.calls).toEqual(['update 2', 'update 4', 'undo']);
    expect(target.count).toBe(0);
    expect(state.decisions.find((d) => d.outcome === 'fail')?.reason).toBe('not healthy after 1m: replica 3 not ready');
    // Waited the full minute for the second batch, not less.
    expect(clock.now() - started).toBeGreaterThanOrEqual(60_000);
    expect((await history.history('production')).map((h) => h.outcome)).toEqual(['in-progress', 'rolled-back']);
  });

  test('a slow batch that turns healthy within the timeout goes on', async () => {
    const target = new MemoryTarget(2, (unit, polls) => unit === 2 && polls < 4);
    const { run } = await setup(target, { batchSize: 1, interval: '5s', timeout: '1m' });
    expect((await run()).result).toBe('promoted');
  });

  test('a batch that turns unhealthy during its soak is undone', async () => {
    const target = new MemoryTarget(2, (unit, polls) => unit === 1 && polls >= 3);
    const { run } = await setup(target, { batchSize: 1, interval: '5s', timeout: '1m', soak: '30s' });
    const { result, state } = await run();
    expect(result).toBe('rolled-back');
    expect(state.decisions.find((d) => d.outcome === 'fail')?.reason).toMatch(/^turned unhealthy during the soak: replica 1 not ready/);
  });

  test('a controller killed mid-release is re-run and finishes without repeating done batches', async () => {
    const target = new MemoryTarget(6);
    const { store, history, run } = await setup(target);
    let n = 0;
    await expect(
      run({
        onDecision: (d) => {
          if (d.action === 'batch' && ++n === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(target.count).toBe(4);
    const again = await run();
    expect(again.result).toBe('promoted');
    // The interrupted batch moves again (idempotent); the first is not repeated.
    expect(target.calls).toEqual(['update 2', 'update 4', 'update 4', 'update 6']);
    expect(again.state.decisions.filter((d) => d.action === 'batch').map((d) => d.step)).toEqual([0, 1, 2]);
    const third = await run();
    expect(third.result).toBe('promoted');
    expect(target.calls).toHaveLength(4);
    expect((await history.history('production')).map((h) => h.outcome)).toEqual(['in-progress', 'promoted']);
    expect((await store.load('production'))?.status).toBe('promoted');
  });

  test('rollback of a promoted rolling release undoes the units, not router weights', async () => {
    const target = new MemoryTarget(2);
    const { store, history, run } = await setup(target);
    await run();
    const router = new MemoryRouter();
    const result = await rollback({ environment: 'production', router, rolling: target, store, history, reason: 'alert' });
    expect(result.rolledBack).toBe(RELEASE);
    expect(target.calls.at(-1)).toBe('undo');
    expect(router.calls).toEqual([]);
  });

  test('bad strategy and empty targets are user errors', async () => {
    const { run } = await setup(new MemoryTarget(3));
    await expect(run({ strategy: { batchSize: 1, batches: 2 } })).rejects.toThrow('rolling strategy: (top): set batchSize or batches, not both');
    await expect(run({ strategy: { batchSize: 0 } })).rejects.toThrow(/^rolling strategy: batchSize: /);
    const empty = await setup(new MemoryTarget(0));
    await expect(empty.run()).rejects.toThrow('memory replicas: nothing to replace (0 units)');
  });
});
