import { CanaryJudge, type Observation } from '@slipway/delivery';

const rates = (canaryErrors: number, canaryTrials = 1000): Observation => ({
  test: 'proportion',
  stable: { events: 10, trials: 1000 },
  canary: { events: canaryErrors, trials: canaryTrials },
});
const MIN = 60_000;

describe('canary judge: outcomes, limits, dry-run and absolute conditions', () => {
  test('a failed look decides the analysis only past its limit (limits.fail)', () => {
    const judge = new CanaryJudge([{ name: 'error-rate', test: 'proportion', minSample: 10 }], { plannedDurationMs: 10 * MIN, limits: { fail: 1 } });
    const first = judge.look({ 'error-rate': rates(100) }, MIN);
    expect(first.metrics[0]?.outcome).toBe('fail');
    expect(first.outcome).toBe('running');
    expect(judge.look({ 'error-rate': rates(100) }, 2 * MIN).outcome).toBe('fail');
  });

  test('one source error is tolerated by default (limits.error: 1), the second decides: error', () => {
    const judge = new CanaryJudge([{ name: 'error-rate', test: 'proportion', minSample: 10 }], { plannedDurationMs: 10 * MIN });
    expect(judge.look({ 'error-rate': new Error('stats API down') }, MIN).outcome).toBe('running');
    const second = judge.look({}, 2 * MIN);
    expect(second.outcome).toBe('error');
    expect(second.metrics[0]?.reason).toBe('no data from the source');
  });

  test('too few samples at the end is inconclusive, never a failure; limits.inconclusive can tolerate it', () => {
    const strict = new CanaryJudge([{ name: 'error-rate', test: 'proportion', minSample: 5000 }], { plannedDurationMs: MIN });
    const end = strict.look({ 'error-rate': rates(900) }, MIN);
    expect(end.outcome).toBe('inconclusive');
    expect(end.metrics[0]?.reason).toBe('only 1000 canary samples, 5000 needed');
    const lenient = new CanaryJudge([{ name: 'error-rate', test: 'proportion', minSample: 5000 }], { plannedDurationMs: MIN, limits: { inconclusive: 1 } });
    expect(lenient.look({ 'error-rate': rates(900) }, MIN).outcome).toBe('pass');
  });

  test('a dry-run metric is judged and reported but never acts', () => {
    const judge = new CanaryJudge(
      [
        { name: 'error-rate', test: 'proportion', minSample: 10 },
        { name: 'refusals', test: 'proportion', minSample: 10, dryRun: true },
      ],
      { plannedDurationMs: MIN },
    );
    const look = judge.look({ 'error-rate': rates(10), refusals: rates(500) }, MIN);
    expect(look.outcome).toBe('pass');
    expect(look.metrics.find((m) => m.name === 'refusals')).toMatchObject({ outcome: 'fail', dryRun: true });
  });

  test('absolute limits fail at once, whatever stable does', () => {
    const judge = new CanaryJudge([{ name: 'error-rate', test: 'proportion', minSample: 10, max: 0.02 }], { plannedDurationMs: 10 * MIN });
    const look = judge.look({ 'error-rate': { test: 'proportion', stable: { events: 50, trials: 1000 }, canary: { events: 30, trials: 1000 } } }, MIN);
    expect(look.outcome).toBe('fail');
    expect(look.metrics[0]?.reason).toBe('canary 0.030 is above the limit 0.02');
    const floor = new CanaryJudge([{ name: 'eval-score', test: 'paired', direction: 'higher-is-better', minSample: 3, min: 0.8 }], { plannedDurationMs: MIN });
    const pairs: [number, number][] = [
      [0.9, 0.7],
      [0.8, 0.7],
      [0.9, 0.75],
    ];
    expect(floor.look({ 'eval-score': { test: 'paired', pairs } }, MIN).metrics[0]?.reason).toBe('canary 0.72 is below the limit 0.8');
  });

  test('the worst outcome wins: an error outranks a failure, which outranks inconclusive', () => {
    const judge = new CanaryJudge(
      [
        { name: 'error-rate', test: 'proportion', minSample: 10 },
        { name: 'latency', test: 'distribution', minSample: 10 },
        { name: 'eval-score', test: 'paired', minSample: 10 },
      ],
      { plannedDurationMs: MIN, limits: { error: 0 } },
    );
    const look = judge.look({ 'error-rate': rates(400), latency: new Error('prometheus: timeout'), 'eval-score': { test: 'paired', pairs: [] } }, MIN);
    expect(look.metrics.map((m) => m.outcome)).toEqual(['fail', 'error', 'inconclusive']);
    expect(look.outcome).toBe('error');
  });
});
