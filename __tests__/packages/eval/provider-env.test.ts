import { resolveProvider } from '@slipway/eval';

// A fine-tuned model's id is known only after the training job: suites name it through the environment.
describe('provider fields from the environment', () => {
  test('the model, base URL and headers expand ${VAR}', () => {
    const env = { TUNED: 'ft:gpt-4o-mini:acme::abc123', BOT_URL: 'http://127.0.0.1:9/', TEAM: 'ml' };
    const p = resolveProvider({ id: 'tuned', type: 'openai', model: '${TUNED}', baseUrl: '${BOT_URL}v1', headers: { 'x-team': '${TEAM}' } }, env);
    expect(p.model).toBe('ft:gpt-4o-mini:acme::abc123');
    expect(p.baseUrl).toBe('http://127.0.0.1:9/v1');
    expect(p.headers).toEqual({ 'x-team': 'ml' });
    expect(resolveProvider('openai:chat:${TUNED}', env).model).toBe('ft:gpt-4o-mini:acme::abc123');
  });

  test('an unset variable is an error that names it', () => {
    expect(() => resolveProvider({ id: 'tuned', type: 'openai', model: '${NOT_SET_ANYWHERE}' }, {})).toThrow(
      'environment variable NOT_SET_ANYWHERE is not set',
    );
  });
});
