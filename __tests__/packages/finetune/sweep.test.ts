import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planSweep, readTrials, selectBest, sweepMatrix, TRIAL_SCHEMA, type Trial } from '@slipway/finetune';

describe('planSweep', () => {
  test('a grid is every combination, last parameter fastest', () => {
    const legs = planSweep({ parameters: { lr: [0.1, 0.01], epochs: [1, 2, 3] } });
    expect(legs.map((l) => l.params)).toEqual([
      { lr: 0.1, epochs: 1 },
      { lr: 0.1, epochs: 2 },
      { lr: 0.1, epochs: 3 },
      { lr: 0.01, epochs: 1 },
      { lr: 0.01, epochs: 2 },
      { lr: 0.01, epochs: 3 },
    ]);
    expect(legs.map((l) => l.id)).toEqual(['leg-1', 'leg-2', 'leg-3', 'leg-4', 'leg-5', 'leg-6']);
  });

  test('a grid larger than the budget is sampled without repeats, the same way every time', () => {
    const spec = { budget: 5, seed: 7, parameters: { a: [1, 2, 3, 4], b: ['x', 'y', 'z'], c: [true, false] } };
    const legs = planSweep(spec);
    expect(legs).toHaveLength(5);
    expect(new Set(legs.map((l) => JSON.stringify(l.params))).size).toBe(5);
    expect(planSweep(spec)).toEqual(legs);
    expect(planSweep({ ...spec, seed: 8 })).not.toEqual(legs);
  });

  test('random search draws from lists and ranges (log scale, integers) within their bounds', () => {
    const legs = planSweep({
      method: 'random',
      budget: 50,
      parameters: { lr: { min: 1e-5, max: 1e-2, scale: 'log' }, batch: { min: 4, max: 64, integer: true }, opt: ['adam', 'sgd'] },
    });
    expect(legs).toHaveLength(50);
    for (const { params } of legs) {
      expect(params.lr as number).toBeGreaterThanOrEqual(1e-5);
      expect(params.lr as number).toBeLessThanOrEqual(1e-2);
      expect(Number.isInteger(params.batch)).toBe(true);
      expect(['adam', 'sgd']).toContain(params.opt);
    }
    // Log-uniform: about half the draws fall below the geometric midpoint (~3.2e-4).
    const below = legs.filter((l) => (l.params.lr as number) < Math.sqrt(1e-5 * 1e-2)).length;
    expect(below).toBeGreaterThan(12);
    expect(below).toBeLessThan(38);
  });

  test.each([
    [{ parameters: {} }, 'sweep.parameters is empty'],
    [{ parameters: { lr: { min: 0, max: 1 } } }, 'a grid needs a list of values'],
    [{ method: 'random' as const, parameters: { lr: [1] } }, 'random search needs a budget'],
    [{ method: 'random' as const, budget: 2, parameters: { lr: { min: 0, max: 1, scale: 'log' as const } } }, 'a log scale needs min > 0'],
  ])('bad spec %#: %s', (spec, message) => {
    expect(() => planSweep(spec)).toThrow(message);
  });

  test('the matrix output carries each leg id, its params as JSON, and each parameter', () => {
    const m = sweepMatrix(planSweep({ parameters: { dims: [64, 4096] } }));
    expect(m).toEqual({
      include: [
        { leg: 'leg-1', params: '{"dims":64}', dims: 64 },
        { leg: 'leg-2', params: '{"dims":4096}', dims: 4096 },
      ],
    });
  });
});

function trial(leg: string, value: number | undefined, extra: Partial<Trial> = {}): Trial {
  return {
    schema: TRIAL_SCHEMA,
    leg,
    name: 'm',
    params: { dims: Number(leg.slice(4)) },
    launcher: 'command',
    status: 'succeeded',
    jobId: '',
    model: `model-${leg}`,
    metrics: {},
    eval: { metric: 'pass-rate', goal: 'maximize', ...(value !== undefined ? { value } : {}), metrics: {}, results: [] },
    dataDigest: `sha256:${'0'.repeat(64)}`,
    durationMs: 100,
    createdAt: '2026-11-28T00:00:00Z',
    ...extra,
  };
}

describe('selectBest', () => {
  test('picks by the metric in the configured direction and lists every trial, failed ones last', () => {
    const trials = [
      trial('leg-1', 0.7),
      trial('leg-2', 0.9),
      trial('leg-3', undefined, { status: 'failed', error: 'CUDA | out of memory' }),
      trial('leg-4', 0.8),
    ];
    const max = selectBest(trials, 'pass-rate', 'maximize');
    expect(max?.best.leg).toBe('leg-2');
    expect(max?.ranked.map((t) => t.leg)).toEqual(['leg-2', 'leg-4', 'leg-1', 'leg-3']);
    expect(max?.markdown).toContain('| 🏆 | `leg-2` |');
    // Untrusted text is escaped: a pipe cannot break the table.
    expect(max?.markdown).toContain('CUDA \\| out of memory');
    expect(selectBest(trials, 'loss', 'minimize')?.best.leg).toBe('leg-1');
  });

  test('no value anywhere means nothing to select', () => {
    expect(selectBest([trial('leg-1', undefined)], 'pass-rate', 'maximize')).toBeUndefined();
  });

  test('trial records are read from subfolders (downloaded matrix artifacts); a stray file is an error naming it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-trials-'));
    const { mkdir } = await import('node:fs/promises');
    for (const leg of ['leg-1', 'leg-2']) {
      await mkdir(path.join(dir, `fine-tune-${leg}`));
      await writeFile(path.join(dir, `fine-tune-${leg}`, `${leg}.trial.json`), JSON.stringify(trial(leg, 0.5)));
    }
    expect((await readTrials(dir)).map((t) => t.leg)).toEqual(['leg-1', 'leg-2']);
    await writeFile(path.join(dir, 'bad.trial.json'), '{"schema": "other"}');
    await expect(readTrials(dir, 'trials')).rejects.toThrow('trials/bad.trial.json: not a trial record');
  });
});
