import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { FolderRolloutStore, GatewayRouter, GatewayStatsSource, runCanary } from '@slipway/delivery';
import { type Gateway, GatewayAdminClient } from '@slipway/gateway';
import { readGitHubContext } from '@slipway/github';
import { createTerminalRuntime, type Logger } from '@slipway/kit';
import { type MonitorResult, runMonitor } from '@slipway/monitor';
import { FolderReleaseStore } from '@slipway/release';
import { mulberry32 } from '@slipway/stats';
import { type Shift, samplePrompt } from '../../../bench/monitor/samples.js';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { describeWith } from '../../helpers/require-binary.js';
import { PROMETHEUS_BIN, type PrometheusService, startPrometheus } from '../../helpers/services/index.js';
import { startTestGateway } from '../gateway/gateway-harness.js';
import { type GitHubFake, startGitHubFake } from '../github/github-fake.js';

const TOKEN = 'monitor-itg-admin-token';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WINDOW_MS = 3000;

/** Users asking support questions through the gateway, a few a second; `mode` changes what they ask. */
function supportTraffic(url: string) {
  const r = mulberry32(17);
  let stopped = false;
  let sent = 0;
  const state = { mode: 'none' as Shift };
  const worker = async (w: number) => {
    for (let i = 0; !stopped && sent < 50_000; i++) {
      sent++;
      await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': `u-${w}-${i % 40}` },
        body: JSON.stringify({ model: 'support-bot', stream: i % 2 === 0, messages: [{ role: 'user', content: samplePrompt(r, state.mode) }] }),
      })
        .then((res) => res.arrayBuffer())
        .catch(() => undefined);
      await sleep(30);
    }
  };
  const done = Promise.all([0, 1, 2, 3].map(worker));
  const deadline = setTimeout(() => {
    stopped = true;
  }, 120_000);
  return {
    state,
    async stop() {
      stopped = true;
      clearTimeout(deadline);
      await done;
      return sent;
    },
  };
}

describeWith(PROMETHEUS_BIN, 'prometheus')('monitor against a real Prometheus scraping a real gateway', () => {
  let stable: LlmServer;
  let canary: LlmServer;
  let gw: Gateway;
  let prom: PrometheusService;
  let github: GitHubFake;
  let admin: GatewayAdminClient;
  let load: ReturnType<typeof supportTraffic>;
  let cwd: string;
  const stateDir = () => path.join(cwd, 'state');

  const monitor = async (extra: Record<string, unknown> = {}, config = ''): Promise<MonitorResult> => {
    await writeFile(
      path.join(cwd, 'slipway.yml'),
      `version: 1\ndeploy:\n  gateway: { adminUrl: ${gw.adminUrl}, route: bot }\n  state: state\nmonitor:\n  slos: { latencyP95: 250ms, errorRate: 0.05, costPerDay: 1000, minRequests: 10 }\n  anomaly: { baselineWindows: 8 }\n  drift: { requestLog: gateway, reference: reference.jsonl, window: 4s, minSamples: 40 }\n${config}`,
    );
    const rt = createTerminalRuntime({ cwd, stderr: new PassThrough(), env: {} });
    const ctx = await readGitHubContext({ GITHUB_REPOSITORY: 'acme/support-bot', GITHUB_API_URL: github.url, GITHUB_SHA: 'a'.repeat(40) }, 'ghs_monitor');
    return runMonitor(rt, {
      environment: 'production',
      source: 'prometheus',
      prometheusUrl: prom.url,
      window: '3s',
      gatewayToken: TOKEN,
      github: ctx,
      ...extra,
    });
  };

  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'slipway-monitor-itg-'));
    stable = await startLlmServer();
    canary = await startLlmServer({ seed: 3 });
    gw = (
      await startTestGateway(
        {
          requestLog: { sampleRate: 1, keep: 20_000 },
          backends: {
            stable: { url: stable.url, retries: 0, price: { inputPerMillion: 0.15, outputPerMillion: 0.6 } },
            canary: { url: canary.url, retries: 0, price: { inputPerMillion: 0.15, outputPerMillion: 0.6 } },
          },
          outlierDetection: { consecutiveFailures: 1000 },
          routes: [{ name: 'bot', weights: { stable: 10_000, canary: 0 } }],
        },
        { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
      )
    ).gw;
    admin = new GatewayAdminClient(gw.adminUrl, TOKEN);
    github = await startGitHubFake();
    prom = await startPrometheus({ scrapeTargets: [new URL(gw.adminUrl).host], scrapeInterval: '1s' });
    // The new release goes live at 100% (a one-step canary), so there is something to roll back.
    const promoted = await runCanary({
      environment: 'production',
      releaseId: `sha256:${'c'.repeat(64)}`,
      strategy: { steps: [{ setWeight: 100 }], metrics: [{ name: 'error-rate', test: 'proportion' }] },
      router: new GatewayRouter(admin, { route: 'bot' }),
      source: new GatewayStatsSource(admin),
      store: new FolderRolloutStore(path.join(cwd, 'state')),
      history: new FolderReleaseStore(path.join(cwd, 'state')),
      log: quiet,
    });
    expect(promoted.result).toBe('promoted');
    load = supportTraffic(gw.url);
    // Six windows of steady traffic form the baseline; the first scrape comes ~5 s after start.
    for (let i = 0; i < 80; i++) {
      const r = await prom.query('count_over_time(slipway_gateway_requests_total[1m])').catch(() => []);
      if (r.some((s) => Number(s.value?.[1] ?? 0) >= 20)) break;
      await sleep(500);
    }
    const reference = await admin.requests(3600, 10_000);
    await writeFile(path.join(cwd, 'reference.jsonl'), `${reference.entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
    expect(reference.entries.length).toBeGreaterThan(100);
    expect(reference.entries[0]?.prompt).toMatch(/\w/);
    expect(reference.entries[0]?.output).toMatch(/^echo: /);
    await sleep(WINDOW_MS + 1500);
  }, 120_000);

  afterAll(async () => {
    await load?.stop();
    await prom?.stop();
    await gw?.stop();
    await github?.stop();
    await stable?.stop();
    await canary?.stop();
  });

  test('an identical period raises nothing: ok, no issue, no rollback', async () => {
    const r = await monitor({ onBreach: 'rollback' });
    expect(r.report.reasons).toEqual([]);
    expect(r.verdict).toBe('ok');
    const latency = r.report.slos.find((f) => f.metric === 'latencyP95');
    expect(latency?.level).toBe('ok');
    expect(latency?.baseline.length).toBeGreaterThanOrEqual(4);
    expect(r.report.drift?.tests.filter((t) => t.status === 'ok').length).toBeGreaterThanOrEqual(5);
    expect(r.report.drift?.currentSize).toBeGreaterThanOrEqual(40);
    expect(github.issues.size).toBe(0);
    expect([...github.checkRuns.values()].at(-1)?.conclusion).toBe('success');
    expect((await admin.routes()).routes[0]?.weights).toEqual({ stable: 0, canary: 10_000 });
    expect(github.violations).toEqual([]);
  }, 60_000);

  test('injected latency breaches the latency SLO and opens one incident issue', async () => {
    canary.setOptions({ latencyMs: 400 });
    await sleep(WINDOW_MS + 1500);
    const r = await monitor({ failOn: 'never' });
    canary.setOptions({ latencyMs: 0 });
    expect(r.verdict).toBe('breach');
    const latency = r.report.slos.find((f) => f.metric === 'latencyP95');
    expect(latency?.level).toBe('breach');
    expect(latency?.value).toBeGreaterThan(250);
    expect(latency?.baseline.length).toBeGreaterThanOrEqual(5);
    expect(latency?.anomaly?.anomalous).toBe(true);
    expect(r.incident).toMatchObject({ done: true, action: 'created', issue: 1 });
    expect(github.issues.size).toBe(1);
    expect(github.issues.get(1)?.body).toContain('<!-- slipway:monitor-incident environment=production -->');
    expect(github.issues.get(1)?.labels).toEqual(['slipway-incident']);
    expect(r.rolledBack).toBeUndefined();
    expect(github.violations).toEqual([]);
  }, 60_000);

  test('injected errors breach, roll back through the gateway with the reason recorded, and update the same issue', async () => {
    canary.setOptions({ errorRate: 0.6 });
    await sleep(WINDOW_MS + 1500);
    await expect(monitor({ onBreach: 'rollback' })).rejects.toMatchObject({
      name: 'GateError',
      message: expect.stringMatching(/monitor of production: breach/),
    });
    canary.setOptions({ errorRate: 0 });
    expect((await admin.routes()).routes[0]?.weights).toEqual({ stable: 10_000, canary: 0 });
    const state = await new FolderRolloutStore(stateDir()).load('production');
    expect(state?.status).toBe('rolled-back');
    expect(state?.decisions.at(-1)?.reason).toMatch(/^slipway monitor: breach: errorRate/);
    expect(github.issues.size).toBe(1);
    expect(github.issues.get(1)?.body).toMatch(/errorRate/);
    expect([...github.comments.values()].filter((c) => c.issue === 1).length).toBe(1);
    expect(github.violations).toEqual([]);
  }, 60_000);

  test('drift in the prompts (a language switch) is found against the reference, from the gateway stats source too', async () => {
    load.state.mode = 'language';
    await sleep(4500);
    const r = await monitor({ source: 'gateway', failOn: 'never', github: undefined });
    load.state.mode = 'none';
    const lang = r.report.drift?.tests.find((t) => t.name === 'prompt language/script');
    expect(lang?.status).toBe('drift');
    expect(lang?.current?.es).toBeGreaterThan(0.1);
    expect(r.verdict).not.toBe('ok');
    expect(r.report.reasons.some((x) => /drift of prompt language/.test(x))).toBe(true);
    expect(r.report.source).toBe('gateway');
  }, 60_000);
});
