import { parseConfig } from '@slipway/config';

describe('slipway.yml monitor section', () => {
  test('the keys that existed before (source, prometheusUrl, window) still parse', () => {
    const c = parseConfig('version: 1\nmonitor:\n  source: prometheus\n  prometheusUrl: http://127.0.0.1:9090\n  window: 5m\n', 'slipway.yml');
    expect(c.monitor).toEqual({ source: 'prometheus', prometheusUrl: 'http://127.0.0.1:9090', window: '5m' });
  });

  test('a full section parses', () => {
    const c = parseConfig(
      [
        'version: 1',
        'monitor:',
        '  environment: production',
        '  selector: slipway_route="support-bot"',
        '  slos: { latencyP95: 2s, ttftP95: 800ms, errorRate: 0.02, tokensPerRequest: 3000, costPerHour: 4, costPerDay: 80, warnAt: 0.8, minRequests: 50 }',
        '  anomaly: { method: ewma, baselineWindows: 24, threshold: 4, severity: warn }',
        '  drift:',
        '    requestLog: gateway',
        '    reference: first-day',
        '    window: 1h',
        '    alpha: 0.01',
        '    refusalPatterns: ["^Unfortunately"]',
        '    embeddings: { url: "http://127.0.0.1:8000/v1", model: text-embedding-3-small, apiKeyEnv: OPENAI_API_KEY }',
        '  alerts: { issue: true, labels: [incident], check: true, webhookEnv: SLACK_WEBHOOK_URL }',
        '  onBreach: rollback',
      ].join('\n'),
      'slipway.yml',
    );
    expect(c.monitor?.onBreach).toBe('rollback');
    expect(c.monitor?.drift?.embeddings?.model).toBe('text-embedding-3-small');
  });

  test('a misspelt key names the file and line', () => {
    expect(() => parseConfig('version: 1\nmonitor:\n  slos:\n    errorRte: 0.02\n', 'slipway.yml')).toThrow(/slipway\.yml:4/);
    expect(() => parseConfig('version: 1\nmonitor:\n  onBreach: page\n', 'slipway.yml')).toThrow(/slipway\.yml:3/);
  });
});
