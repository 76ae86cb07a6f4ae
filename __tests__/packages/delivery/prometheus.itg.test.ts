import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployCanary, FolderRolloutStore, GatewayRouter, gatewayPrometheusMetrics, type Observation, PrometheusSource, runCanary } from '@slipway/delivery';
import { type Gateway, GatewayAdminClient } from '@slipway/gateway';
import { createTerminalRuntime, type Logger } from '@slipway/kit';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { describeWith } from '../../helpers/require-binary.js';
import { PROMETHEUS_BIN, type PrometheusService, startPrometheus } from '../../helpers/services/index.js';
import { chatTraffic } from '../../helpers/traffic.js';
import { startTestGateway } from '../gateway/gateway-harness.js';

const TOKEN = 'prometheus-test-admin-token';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describeWith(PROMETHEUS_BIN, 'prometheus')('canary metrics from a real Prometheus scraping the gateway', () => {
  let stable: LlmServer;
  let canary: LlmServer;
  let gw: Gateway;
  let prom: PrometheusService;
  let client: GatewayAdminClient;
  let load: ReturnType<typeof chatTraffic>;
  const started = Date.now();

  beforeAll(async () => {
    stable = await startLlmServer();
    canary = await startLlmServer({ errorRate: 0.3, seed: 7 });
    gw = (
      await startTestGateway(
        { backends: { stable: { url: stable.url }, canary: { url: canary.url } }, routes: [{ name: 'bot', weights: { stable: 5000, canary: 5000 } }] },
        { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
      )
    ).gw;
    client = new GatewayAdminClient(gw.adminUrl, TOKEN);
    prom = await startPrometheus({ scrapeTargets: [new URL(gw.adminUrl).host], scrapeInterval: '1s' });
    load = chatTraffic(gw.url, { workers: 2, users: 97, maxMs: 60_000 });
    // Prometheus hands new targets to its scraper every few seconds; wait for two scrapes of the gateway.
    for (let i = 0; i < 60; i++) {
      const r = await prom.query('count_over_time(slipway_gateway_requests_total[1m])').catch(() => []);
      if (r.some((s) => Number(s.value?.[1] ?? 0) >= 3)) break;
      await new Promise((res) => setTimeout(res, 500));
    }
  }, 60_000);

  afterAll(async () => {
    await load.stop();
    await prom.stop();
    await gw.stop();
    await stable.stop();
    await canary.stop();
  });

  test('error counts and latency histograms come back per variant', async () => {
    const source = new PrometheusSource({ url: prom.url, metrics: gatewayPrometheusMetrics() });
    const obs = await source.collect({ since: started, until: Date.now() });
    const errors = obs['error-rate'] as Extract<Observation, { test: 'proportion' }>;
    expect(errors.test).toBe('proportion');
    expect(errors.canary.trials).toBeGreaterThan(20);
    // The gateway retries a failed attempt once before the first byte, so clients see about 0.3² of
    // the canary's 30% upstream failures; Prometheus must agree with the gateway's own stats.
    const own = (await client.stats(Math.ceil((Date.now() - started) / 1000))).variants.canary;
    const fromPrometheus = errors.canary.events / errors.canary.trials;
    expect(fromPrometheus).toBeGreaterThan(0.03);
    expect(Math.abs(fromPrometheus - (own?.errorRate ?? 0))).toBeLessThan(0.05);
    expect(errors.stable.events).toBe(0);
    const latency = obs.latency as Extract<Observation, { test: 'distribution' }>;
    expect(latency.stable.length).toBeGreaterThan(20);
    expect(latency.canary.length).toBeGreaterThan(20);
  });

  test('a canary judged on Prometheus is rolled back; a bad query is named', async () => {
    const bad = await new PrometheusSource({ url: prom.url, metrics: { broken: { test: 'proportion', events: 'sum(rate(', trials: '1' } } }).collect({
      since: started,
      until: Date.now(),
    });
    expect(String(bad.broken)).toMatch(/prometheus query failed \(400\)/);
    const run = await runCanary({
      environment: 'production',
      releaseId: `sha256:${'9'.repeat(64)}`,
      strategy: {
        steps: [{ setWeight: 50 }, { analysis: { duration: '4s', interval: '1s' } }],
        metrics: [{ name: 'error-rate', test: 'proportion', minSample: 20 }],
      },
      router: new GatewayRouter(client, { route: 'bot' }),
      source: new PrometheusSource({ url: prom.url, metrics: gatewayPrometheusMetrics(), minWindowSeconds: 5 }),
      store: new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-prom-'))),
      log: quiet,
    });
    expect(run.result).toBe('rolled-back');
  }, 30_000);

  test('canary-promote reads Prometheus when given prometheus-url, and fails the gate on a rollback', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'slipway-prom-action-'));
    await writeFile(
      path.join(cwd, 'strategy.yml'),
      'steps:\n  - setWeight: 50\n  - analysis: { duration: 4s, interval: 1s }\nmetrics:\n  - { name: error-rate, test: proportion, minSample: 20 }\n',
    );
    const rt = createTerminalRuntime({ cwd, stderr: new (await import('node:stream')).PassThrough(), env: {} });
    await expect(
      deployCanary(rt, {
        environment: 'production',
        strategyFile: 'strategy.yml',
        gatewayAdminUrl: gw.adminUrl,
        gatewayToken: TOKEN,
        route: 'bot',
        prometheusUrl: prom.url,
        release: `sha256:${'8'.repeat(64)}`,
      }),
    ).rejects.toMatchObject({ name: 'GateError', message: expect.stringMatching(/the canary was rolled back: error-rate: canary worse than stable/) });
    expect(rt.outputs.result).toBe('rolled-back');
  }, 30_000);
});
