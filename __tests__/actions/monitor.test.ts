import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Gateway } from '@slipway/gateway';
import { mulberry32 } from '@slipway/stats';
import { sampleExchanges } from '../../bench/monitor/samples.js';
import { type LlmServer, startLlmServer } from '../helpers/llm-server.js';
import { runAction } from '../helpers/run-action.js';
import { chatTraffic } from '../helpers/traffic.js';
import { startTestGateway } from '../packages/gateway/gateway-harness.js';
import { type GitHubFake, startGitHubFake } from '../packages/github/github-fake.js';

const TOKEN = 'monitor-action-admin-token-123';
const GH_TOKEN = 'ghs_monitoractiontoken';

describe('monitor through the runner protocol', () => {
  let llm: LlmServer;
  let gw: Gateway;
  let github: GitHubFake;
  let hook: Server;
  let hookUrl: string;
  const posted: unknown[] = [];
  let workspace: string;

  beforeAll(async () => {
    llm = await startLlmServer({ errorRate: 0.5, seed: 4 });
    gw = (
      await startTestGateway(
        {
          backends: { stable: { url: llm.url, retries: 0 } },
          outlierDetection: { consecutiveFailures: 1000 },
          routes: [{ name: 'bot', weights: { stable: 10_000 } }],
        },
        { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
      )
    ).gw;
    github = await startGitHubFake();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        posted.push(JSON.parse(body));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    workspace = await mkdtemp(path.join(tmpdir(), 'slipway-monitor-action-'));
    // A reference and a current log that differ in their refusal rate (2% → 10%).
    const r = mulberry32(8);
    const now = Date.now();
    const lines = (xs: unknown[]) => `${xs.map((x) => JSON.stringify(x)).join('\n')}\n`;
    await writeFile(path.join(workspace, 'reference.jsonl'), lines(sampleExchanges(r, 400, 'none', now - 86_400_000)));
    await writeFile(path.join(workspace, 'requests.jsonl'), lines(sampleExchanges(r, 400, 'refusals', now - 1000)));
    await writeFile(
      path.join(workspace, 'slipway.yml'),
      `version: 1\ndeploy:\n  gateway: { adminUrl: ${gw.adminUrl}, route: bot }\nmonitor:\n  window: 10s\n  slos: { errorRate: 0.05 }\n  drift: { requestLog: requests.jsonl, reference: reference.jsonl, window: 1h }\n`,
    );
    const load = chatTraffic(gw.url, { workers: 2, maxRequests: 200 });
    await new Promise((res) => setTimeout(res, 1500));
    await load.stop();
  });

  afterAll(async () => {
    await gw.stop();
    await llm.stop();
    await github.stop();
    await new Promise<void>((r) => hook.close(() => r()));
  });

  test('a breach fails the step, opens the incident issue, posts the webhook; a second run updates the same issue', async () => {
    const env = { GITHUB_API_URL: github.url };
    const inputs = { environment: 'production', 'gateway-token': TOKEN, 'github-token': GH_TOKEN, 'webhook-url': hookUrl };
    const first = await runAction('monitor', inputs, { workspace, env, eventName: 'schedule', event: {} });
    expect(first.exitCode).toBe(1);
    expect(first.outputs.verdict).toBe('breach');
    expect(Number(first.outputs.breaches)).toBeGreaterThanOrEqual(2);
    expect(first.outputs['issue-url']).toBe('https://github.com/acme/support-bot/issues/1');
    expect(first.summary).toContain('Monitor of production: **breach**');
    expect(first.summary).toContain('refusal rate');
    expect(first.summary).toContain('```mermaid');
    expect(first.annotations.some((a) => a.level === 'error' && /monitor of production: breach/.test(a.message))).toBe(true);
    const report = JSON.parse(await readFile(first.outputs.report as string, 'utf8')) as {
      verdict: string;
      drift: { tests: { name: string; status: string }[] };
    };
    expect(report.drift.tests.find((t) => t.name === 'refusal rate')?.status).toBe('drift');
    const events = (await readFile(path.join(workspace, '.slipway/monitor/events.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ 'event.kind': 'alert', 'service.environment': 'production', 'log.level': 'error' });
    expect(posted).toHaveLength(1);
    expect((posted[0] as { text: string }).text).toMatch(/production is BREACH/);

    const second = await runAction('monitor', inputs, { workspace, env, eventName: 'schedule', event: {} });
    expect(second.exitCode).toBe(1);
    expect(second.outputs['issue-url']).toBe(first.outputs['issue-url']);
    expect(github.issues.size).toBe(1);
    expect([...github.comments.values()].filter((c) => c.issue === 1)).toHaveLength(1);
    expect(github.violations).toEqual([]);
    expect(first.leaks([TOKEN, GH_TOKEN, hookUrl])).toEqual([]);
    expect(second.leaks([TOKEN, GH_TOKEN, hookUrl])).toEqual([]);
  }, 90_000);

  test('a rollback that fails still alerts, then fails the step with its reason', async () => {
    const before = posted.length;
    const run = await runAction(
      'monitor',
      { environment: 'production', 'gateway-token': TOKEN, 'github-token': GH_TOKEN, 'webhook-url': hookUrl, 'on-breach': 'rollback' },
      { workspace, env: { GITHUB_API_URL: github.url }, eventName: 'schedule', event: {} },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/nothing has been deployed to production/);
    expect(run.summary).toContain('**Rollback failed:**');
    expect(posted.length).toBe(before + 1);
    expect((posted.at(-1) as { text: string }).text).toMatch(/the rollback failed/);
    expect(github.issues.size).toBe(1);
    expect(github.issues.get(1)?.body).toContain('Rollback failed');
  }, 60_000);

  test('the root action runs it as `command: monitor`', async () => {
    const run = await runAction(
      '.',
      { command: 'monitor', environment: 'production', 'gateway-token': TOKEN, 'github-token': '', 'fail-on': 'never' },
      { workspace },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('breach');
    expect(run.outputs['issue-url']).toBe('');
    expect(run.summary).toContain('Monitor of production: **breach**');
  }, 60_000);

  test('bad input is one clear line and exit 2', async () => {
    const run = await runAction('monitor', { 'fail-on': 'sometimes', 'gateway-token': TOKEN }, { workspace });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/fail-on/);
    expect(run.stdout).toMatch(/breach, warn, never/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unreachable Prometheus is a clear user error, not a stack trace', async () => {
    const run = await runAction('monitor', { 'prometheus-url': 'http://127.0.0.1:9/', 'gateway-token': TOKEN, 'github-token': '' }, { workspace });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/cannot read metrics from Prometheus at http:\/\/127\.0\.0\.1:9\//);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  test('a request log that is not JSON names the file and line', async () => {
    await writeFile(path.join(workspace, 'broken.jsonl'), '{"prompt":"a"}\nnot json\n');
    const run = await runAction(
      'monitor',
      { 'gateway-token': TOKEN, 'request-log': 'broken.jsonl', reference: 'reference.jsonl', 'github-token': '' },
      { workspace },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/broken\.jsonl:2: not valid JSON/);
  });
});
