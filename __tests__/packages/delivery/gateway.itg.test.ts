import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CanaryStrategyInput,
  combineSources,
  FolderRolloutStore,
  GatewayRouter,
  GatewayStatsSource,
  OnlineEvalSource,
  rollback,
  runCanary,
  tokenF1,
} from '@slipway/delivery';
import { type Gateway, GatewayAdminClient } from '@slipway/gateway';
import type { Logger } from '@slipway/kit';
import { FolderReleaseStore } from '@slipway/release';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { chatTraffic } from '../../helpers/traffic.js';
import { startTestGateway } from '../gateway/gateway-harness.js';

const TOKEN = 'delivery-test-admin-token';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const strategy: CanaryStrategyInput = {
  steps: [{ setWeight: 10 }, { analysis: { duration: '3s', interval: '500ms' } }, { setWeight: 50 }, { analysis: { duration: '2s', interval: '500ms' } }],
  metrics: [
    { name: 'error-rate', test: 'proportion', minSample: 40 },
    { name: 'latency', test: 'distribution', tolerance: 3, minSample: 40 },
  ],
  alpha: 0.01,
};

describe('canary over the real gateway', () => {
  let stable: LlmServer;
  let canary: LlmServer;
  let gw: Gateway;
  let client: GatewayAdminClient;

  beforeEach(async () => {
    stable = await startLlmServer({ replies: () => 'stable answer' });
    canary = await startLlmServer({ replies: () => 'canary answer' });
    gw = (
      await startTestGateway(
        { backends: { stable: { url: stable.url }, canary: { url: canary.url } }, routes: [{ name: 'bot', weights: { stable: 10_000, canary: 0 } }] },
        { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
      )
    ).gw;
    client = new GatewayAdminClient(gw.adminUrl, TOKEN, 'canary-test');
  });

  afterEach(async () => {
    await gw.stop();
    await stable.stop();
    await canary.stop();
  });

  async function rollout(releaseId: string) {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-canary-'));
    const history = new FolderReleaseStore(dir);
    const load = chatTraffic(gw.url, { workers: 4 });
    try {
      const run = await runCanary({
        environment: 'production',
        releaseId,
        strategy,
        router: new GatewayRouter(client, { route: 'bot' }),
        source: new GatewayStatsSource(client),
        store: new FolderRolloutStore(dir),
        history,
        log: quiet,
      });
      return { ...run, history: await history.history('production'), sent: await load.stop(), dir };
    } finally {
      await load.stop();
    }
  }

  test('a good canary goes 10% -> 50% -> 100% and is promoted', async () => {
    const run = await rollout(`sha256:${'1'.repeat(64)}`);
    expect(run.result).toBe('promoted');
    expect((await client.routes()).routes[0]?.weights).toEqual({ stable: 0, canary: 10_000 });
    expect(run.state.decisions.filter((d) => d.action === 'weight').map((d) => d.weight)).toEqual([10, 50]);
    expect(run.history.map((h) => h.outcome)).toEqual(['in-progress', 'promoted']);
    expect(canary.requests.length).toBeGreaterThan(40);
    // Every weight change went through the admin API, with who made it.
    expect((await client.changes()).filter((c) => JSON.stringify(c).includes('canary-test')).length).toBeGreaterThanOrEqual(3);
  }, 30_000);

  test('a canary that fails a third of its requests is rolled back at 10%, and rollback is instant and idempotent', async () => {
    canary.setOptions({ errorRate: 0.33 });
    const run = await rollout(`sha256:${'2'.repeat(64)}`);
    expect(run.result).toBe('rolled-back');
    expect(run.state.decisions.filter((d) => d.action === 'weight').map((d) => d.weight)).toEqual([10]);
    expect(run.state.decisions.find((d) => d.outcome === 'fail')?.reason).toMatch(/error-rate/);
    expect((await client.routes()).routes[0]?.weights).toEqual({ stable: 10_000, canary: 0 });
    const again = await rollback({
      environment: 'production',
      router: new GatewayRouter(client, { route: 'bot' }),
      store: new FolderRolloutStore(run.dir),
      reason: 'again',
    });
    expect(again.noop).toBe(true);
    expect(again.elapsedMs).toBeLessThan(1000);
  }, 30_000);

  test('an online eval through the override header catches a canary whose answers got worse, with no errors at all', async () => {
    stable.setOptions({ replies: (r) => `The answer to ${r.lastUserMessage} is 42.` });
    canary.setOptions({ replies: () => 'I am not sure.' });
    const cases = Array.from({ length: 20 }, (_, i) => ({
      id: `c${i}`,
      messages: [{ role: 'user', content: `question ${i}` }],
      expected: `The answer to question ${i} is 42.`,
    }));
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-canary-'));
    const load = chatTraffic(gw.url, { workers: 4 });
    try {
      const run = await runCanary({
        environment: 'staging',
        releaseId: `sha256:${'3'.repeat(64)}`,
        strategy: {
          ...strategy,
          metrics: [...strategy.metrics, { name: 'eval-score', test: 'paired', direction: 'higher-is-better', tolerance: 0.05, minSample: 10 }],
        },
        router: new GatewayRouter(client, { route: 'bot' }),
        source: combineSources(new GatewayStatsSource(client), new OnlineEvalSource({ baseUrl: gw.url, cases, perLook: 6 })),
        store: new FolderRolloutStore(dir),
        log: quiet,
      });
      expect(run.result).toBe('rolled-back');
      const fail = run.state.decisions.find((d) => d.outcome === 'fail');
      expect(fail?.metrics?.find((m) => m.name === 'eval-score')?.outcome).toBe('fail');
      expect(fail?.metrics?.find((m) => m.name === 'error-rate')?.outcome).not.toBe('fail');
      // The eval asked both variants by name, whatever the weights said: every case reached both.
      expect(fail?.metrics?.find((m) => m.name === 'eval-score')?.nCanary).toBeGreaterThanOrEqual(10);
      expect(stable.requests.filter((r) => JSON.stringify(r.body).includes('question 0')).length).toBeGreaterThanOrEqual(1);
      expect(canary.requests.filter((r) => JSON.stringify(r.body).includes('question 0')).length).toBeGreaterThanOrEqual(1);
    } finally {
      await load.stop();
    }
  }, 30_000);

  test('the stats the judge reads leave out override traffic (online evals, smoke tests)', async () => {
    const ask = (headers: Record<string, string>) =>
      fetch(`${gw.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      }).then((r) => r.text());
    for (let i = 0; i < 5; i++) await ask({ 'x-slipway-variant': 'canary' });
    for (let i = 0; i < 3; i++) await ask({ 'x-user-id': `u${i}` });
    const all = await client.stats(60, 100);
    const organic = await client.stats(60, 100, ['override']);
    expect(all.variants.canary?.requests).toBe(5);
    expect(organic.variants.canary?.requests ?? 0).toBe(0);
    expect(organic.variants.stable?.requests).toBe(3);
    expect(all.variants.canary?.recent.every((s) => s.assignment === 'override')).toBe(true);
    // A window shorter than a second stays that short: a new analysis must not see the last one's traffic.
    await new Promise((r) => setTimeout(r, 300));
    expect((await client.stats(0.2, 10)).variants.stable?.requests ?? 0).toBe(0);
  });

  test('blue-green as steps: a bad green judged at 0% by the online eval is rolled back before any user reaches it', async () => {
    stable.setOptions({ replies: (r) => `The answer to ${r.lastUserMessage} is 42.` });
    canary.setOptions({ replies: () => 'I am not sure.' });
    const cases = Array.from({ length: 20 }, (_, i) => ({
      id: `c${i}`,
      messages: [{ role: 'user', content: `question ${i}` }],
      expected: `The answer to question ${i} is 42.`,
    }));
    const blueGreen: CanaryStrategyInput = {
      // Green beside blue at 0%, judged through the override header; then all traffic at once, and a window.
      steps: [{ setWeight: 0 }, { analysis: { duration: '2s', interval: '400ms' } }, { setWeight: 100 }, { analysis: { duration: '1s', interval: '500ms' } }],
      metrics: [{ name: 'eval-score', test: 'paired', direction: 'higher-is-better', tolerance: 0.05, minSample: 10 }],
    };
    const load = chatTraffic(gw.url, { workers: 2 });
    try {
      const run = await runCanary({
        environment: 'preview',
        releaseId: `sha256:${'4'.repeat(64)}`,
        strategy: blueGreen,
        router: new GatewayRouter(client, { route: 'bot' }),
        source: new OnlineEvalSource({ baseUrl: gw.url, cases, perLook: 6 }),
        store: new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-bg-'))),
        log: quiet,
      });
      expect(run.result).toBe('rolled-back');
      expect(run.state.decisions.filter((d) => d.action === 'weight').map((d) => d.weight)).toEqual([0]);
      // Only the eval's own requests (by override) reached green: no user did.
      expect((await client.stats(60, 1000, ['override'])).variants.canary?.requests ?? 0).toBe(0);
    } finally {
      await load.stop();
    }
  }, 30_000);

  test('a live rollback sends every request back to stable in well under a second', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-canary-'));
    const router = new GatewayRouter(client, { route: 'bot' });
    const store = new FolderRolloutStore(dir);
    await runCanary({
      environment: 'production',
      releaseId: `sha256:${'8'.repeat(64)}`,
      strategy: { steps: [{ setWeight: 50 }, { pause: 'approval' }], metrics: strategy.metrics },
      router,
      source: new GatewayStatsSource(client),
      store,
      log: quiet,
    });
    expect((await client.routes()).routes[0]?.weights).toEqual({ stable: 5000, canary: 5000 });
    const result = await rollback({ environment: 'production', router, store, reason: 'pager' });
    expect(result.noop).toBe(false);
    expect(result.elapsedMs).toBeLessThan(1000);
    expect((await client.routes()).routes[0]?.weights).toEqual({ stable: 10_000, canary: 0 });
    // What users see right after: every answer from stable.
    const before = canary.requests.length;
    for (let i = 0; i < 20; i++) {
      await fetch(`${gw.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': `after-${i}` },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      }).then((r) => r.text());
    }
    expect(canary.requests.length).toBe(before);
  });

  test('blue-green retirement drains the old backend at the gateway: weight 0, then no request in flight', async () => {
    const router = new GatewayRouter(client, { route: 'bot' });
    await router.promote();
    stable.setOptions({ latencyMs: 1500 });
    // A request already on its way to the old backend (by override, as a smoke test would be).
    const slow = fetch(`${gw.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slipway-variant': 'stable' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'slow' }] }),
    }).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 200));
    const short = await router.retire(200);
    expect(short).toEqual({ drained: false, detail: 'backend stable: weight 0, 1 request(s) still in flight after 200 ms' });
    const full = await router.retire(5000);
    expect(full).toEqual({ drained: true, detail: 'backend stable: weight 0 on route bot, no request in flight' });
    expect(await slow).toContain('stable answer');
    expect((await client.routes()).routes[0]?.weights).toEqual({ stable: 0, canary: 10_000 });
  }, 30_000);

  test('token F1 scores overlap, not order', () => {
    expect(tokenF1('the answer is 42', 'The answer is 42.')).toBe(1);
    expect(tokenF1('I am not sure', 'The answer is 42.')).toBe(0);
    expect(tokenF1('answer 42', 'the answer is 42')).toBeCloseTo(2 / 3, 10);
  });
});
