import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Gateway, GatewayAdminClient } from '@slipway/gateway';
import { type LlmServer, startLlmServer } from '../helpers/llm-server.js';
import { runAction } from '../helpers/run-action.js';
import { chatTraffic } from '../helpers/traffic.js';
import { startTestGateway } from '../packages/gateway/gateway-harness.js';

const TOKEN = 'action-test-admin-token-123';

const SLIPWAY_YML = (adminUrl: string) => `version: 1
deploy:
  environment: production
  gateway:
    adminUrl: ${adminUrl}
    route: bot
  canary:
    steps:
      - setWeight: 50
      - analysis: { duration: 3s, interval: 500ms }
    metrics:
      - { name: error-rate, test: proportion, minSample: 20 }
`;

describe('canary-promote and rollback through the runner protocol', () => {
  let stable: LlmServer;
  let canary: LlmServer;
  let gw: Gateway;
  let workspace: string;

  beforeEach(async () => {
    stable = await startLlmServer();
    canary = await startLlmServer();
    gw = (
      await startTestGateway(
        { backends: { stable: { url: stable.url }, canary: { url: canary.url } }, routes: [{ name: 'bot', weights: { stable: 10_000, canary: 0 } }] },
        { SLIPWAY_GATEWAY_ADMIN_TOKEN: TOKEN },
      )
    ).gw;
    workspace = await mkdtemp(path.join(tmpdir(), 'slipway-canary-action-'));
    await writeFile(path.join(workspace, 'slipway.yml'), SLIPWAY_YML(gw.adminUrl));
  });

  afterEach(async () => {
    await gw.stop();
    await stable.stop();
    await canary.stop();
  });

  test('promotes a healthy canary: outputs, summary with the chart, token masked', async () => {
    const load = chatTraffic(gw.url);
    const run = await runAction('canary-promote', { environment: 'production', 'gateway-token': TOKEN }, { workspace }).finally(() => load.stop());
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
    expect(run.outputs.release).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.summary).toContain('```mermaid');
    expect(run.summary).toMatch(/promoted/);
    expect(run.leaks([TOKEN])).toEqual([]);
    expect((await new GatewayAdminClient(gw.adminUrl, TOKEN).routes()).routes[0]?.weights).toEqual({ stable: 0, canary: 10_000 });
    const history = await readFile(path.join(workspace, '.slipway/state/environments/production.jsonl'), 'utf8');
    expect(
      history
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { outcome: string }).outcome),
    ).toEqual(['in-progress', 'promoted']);
  }, 60_000);

  test('rolls back a failing canary with exit 1, then the rollback action is a no-op', async () => {
    canary.setOptions({ errorRate: 0.5 });
    const load = chatTraffic(gw.url);
    const run = await runAction('canary-promote', { environment: 'production', 'gateway-token': TOKEN }, { workspace }).finally(() => load.stop());
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.annotations[0]?.message).toMatch(/canary-promote failed: the canary was rolled back: error-rate: canary worse than stable/);
    const back = await runAction('rollback', { environment: 'production', reason: 'belt and braces', 'gateway-token': TOKEN }, { workspace });
    expect(back.exitCode).toBe(0);
    expect(back.outputs).toMatchObject({ noop: 'true', 'rolled-back': '' });
  }, 60_000);

  test('bad inputs are one clear line with exit 2', async () => {
    const noToken = await runAction('canary-promote', { environment: 'production' }, { workspace });
    expect(noToken.exitCode).toBe(2);
    expect(noToken.annotations[0]?.message).toBe(
      'canary-promote failed: input "gateway-token": is not set, and neither is $SLIPWAY_GATEWAY_ADMIN_TOKEN (pass the gateway admin token from a secret)',
    );
    const badEnv = await runAction('rollback', { environment: '../prod' }, { workspace });
    expect(badEnv.exitCode).toBe(2);
    expect(badEnv.annotations[0]?.message).toMatch(/input "environment": "..\/prod" does not match/);
    await writeFile(path.join(workspace, 'strategy.yml'), 'steps:\n  - setWeight: 120\nmetrics: []\n');
    const badStrategy = await runAction('canary-promote', { environment: 'production', strategy: 'strategy.yml', 'gateway-token': TOKEN }, { workspace });
    expect(badStrategy.exitCode).toBe(2);
    expect(badStrategy.annotations[0]?.properties).toMatchObject({ file: 'strategy.yml', line: '2' });
  });
});
