import { checkDrift, evaluateSlos, languageOf, refusalDetector, reportMarkdown, type WindowedReadings } from '@slipway/monitor';
import { mulberry32 } from '@slipway/stats';
import { type Shift, sampleExchanges } from '../../../bench/monitor/samples.js';

describe('drift of prompts and answers', () => {
  test('identical traffic raises nothing', async () => {
    const r = mulberry32(1);
    const report = await checkDrift(sampleExchanges(r, 300), sampleExchanges(r, 300), { seed: 1 });
    expect(report.tests.filter((t) => t.status === 'drift')).toEqual([]);
    expect(report.tests.filter((t) => t.pValue !== undefined).length).toBeGreaterThanOrEqual(7);
    expect(report.tests.every((t) => t.adjustedP === undefined || t.adjustedP >= (t.pValue as number))).toBe(true);
  });

  test.each<[Shift, string, string]>([
    ['topic', 'prompt text (TF-IDF classifier)', 'classifier'],
    ['longer', 'prompt length (chars)', 'ks'],
    ['language', 'prompt language/script', 'chi-square'],
    ['refusals', 'refusal rate', 'chi-square'],
  ])('a %s shift is found by %s', async (shift, name, test) => {
    const r = mulberry32(7);
    const report = await checkDrift(sampleExchanges(r, 400), sampleExchanges(r, 400, shift), { seed: 2 });
    const found = report.tests.find((t) => t.name === name);
    expect(found?.test).toBe(test);
    expect(found?.status).toBe('drift');
    expect(found?.adjustedP).toBeLessThanOrEqual(0.01);
  });

  test('a sample too small says so instead of guessing', async () => {
    const r = mulberry32(3);
    const report = await checkDrift(sampleExchanges(r, 400), sampleExchanges(r, 20, 'language'), { seed: 2 });
    expect(report.tests.every((t) => t.status === 'insufficient')).toBe(true);
    expect(report.tests[0]?.note).toBe('sample too small: 400 reference and 20 current, 50 needed on each side');
  });

  test('languages, scripts and refusals are recognised', () => {
    expect(languageOf('Where is my order? It has not arrived.')).toBe('en');
    expect(languageOf('¿Dónde está mi pedido? No ha llegado.')).toBe('es');
    expect(languageOf('Où est ma commande ? Je ne la trouve pas.')).toBe('fr');
    expect(languageOf('Wo ist meine Bestellung? Ich kann sie nicht finden.')).toBe('de');
    expect(languageOf('Где мой заказ?')).toBe('cyrillic');
    expect(languageOf('我的订单在哪里')).toBe('cjk');
    expect(languageOf('')).toBe('empty');
    const refused = refusalDetector(['^Nope']);
    expect(refused("I'm sorry, but I can't help with that.")).toBe(true);
    expect(refused('As an AI language model, I cannot do that.')).toBe(true);
    expect(refused('Nope, not today')).toBe(true);
    expect(refused('Your order ships tomorrow.')).toBe(false);
  });
});

describe('SLO verdicts', () => {
  const readings = (over: Partial<Record<string, { current: number | undefined; baseline: number[] }>>, requests = 500): WindowedReadings => ({
    requests,
    metrics: {
      latencyP95: { current: 180, baseline: [170, 175, 180, 172, 178, 176] },
      ttftP95: { current: undefined, baseline: [] },
      errorRate: { current: 0.004, baseline: [0.002, 0.003, 0.004, 0.003, 0.002] },
      tokensPerRequest: { current: 420, baseline: [400, 410, 405, 415, 420] },
      costPerHour: { current: 1.1, baseline: [1, 1.1, 1.05, 0.95, 1] },
      costPerDay: { current: 26, baseline: [24, 26, 25, 23, 24] },
      ...over,
    } as WindowedReadings['metrics'],
  });
  const options = {
    objectives: { latencyP95: 250, errorRate: 0.02, costPerDay: 30 },
    warnAt: 0.8,
    minRequests: 20,
    anomaly: { method: 'robust-z' as const, threshold: 4, severity: 'warn' as const, minBaseline: 5 },
  };

  test('within objectives and baseline: ok', () => {
    const f = evaluateSlos(readings({}), options);
    expect(f.map((x) => [x.metric, x.level])).toEqual([
      ['latencyP95', 'ok'],
      ['errorRate', 'ok'],
      ['tokensPerRequest', 'ok'],
      ['costPerHour', 'ok'],
      ['costPerDay', 'warn'],
    ]);
  });

  test('over the objective breaches; a jump against the baseline alone warns', () => {
    const f = evaluateSlos(
      readings({ latencyP95: { current: 900, baseline: [170, 175, 180, 172, 178] }, tokensPerRequest: { current: 1400, baseline: [400, 410, 405, 415, 420] } }),
      options,
    );
    expect(f.find((x) => x.metric === 'latencyP95')).toMatchObject({ level: 'breach', anomaly: { anomalous: true } });
    expect(f.find((x) => x.metric === 'tokensPerRequest')).toMatchObject({ level: 'warn', objective: undefined });
  });

  test('too few requests: not judged, and said so', () => {
    const f = evaluateSlos(readings({ latencyP95: { current: 9000, baseline: [] } }, 3), options);
    expect(f.every((x) => x.level === 'insufficient')).toBe(true);
    expect(f[0]?.reason).toBe('sample too small: 3 requests in the window, 20 needed');
  });

  test('the report escapes untrusted text', () => {
    const md = reportMarkdown({
      environment: 'prod',
      verdict: 'warn',
      at: '2026-01-01T00:00:00Z',
      source: 'gateway',
      windowSeconds: 60,
      slos: [],
      drift: { referenceSize: 1, currentSize: 1, alpha: 0.01, elapsedMs: 1, tests: [], reference: 'ref <img src=x onerror=alert(1)>', current: '@everyone' },
      reasons: [],
      notes: ['<script>alert(1)</script>'],
    });
    expect(md).not.toMatch(/<script>|<img/);
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toContain(' @everyone');
  });
});
