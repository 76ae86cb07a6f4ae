import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Gateway, GatewayAdminClient } from '@slipway/gateway';
import { type LlmServer, startLlmServer } from '../helpers/llm-server.js';
import { runAction } from '../helpers/run-action.js';
import { startS3 } from '../helpers/services/index.js';
import { chatTraffic } from '../helpers/traffic.js';
import { startTestGateway } from '../packages/gateway/gateway-harness.js';
import { type GitHubFake, startGitHubFake } from '../packages/github/github-fake.js';

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
  let gh: GitHubFake;
  /** The runner's GitHub: the OpenAPI-checked fake, with a token that can write deployments. */
  const github = () => ({ env: { GITHUB_API_URL: gh.url }, workspace });

  beforeEach(async () => {
    gh = await startGitHubFake();
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
    expect(gh.violations).toEqual([]);
    await gh.stop();
    await gw.stop();
    await stable.stop();
    await canary.stop();
  });

  test('promotes a healthy canary: outputs, summary with the chart, token masked', async () => {
    const load = chatTraffic(gw.url);
    const run = await runAction('canary-promote', { environment: 'production', 'gateway-token': TOKEN, 'github-token': 'ghs_test' }, github()).finally(() =>
      load.stop(),
    );
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
    // Every step is mirrored into GitHub Deployments.
    const [deployment] = [...gh.deployments.values()];
    expect(deployment).toMatchObject({ environment: 'production', payload: { releaseId: run.outputs.release } });
    expect(deployment?.statuses.map((s) => [s.state, s.description])).toEqual([
      ['in_progress', 'canary 50%'],
      ['success', 'promoted: every analysis passed'],
    ]);
    expect(run.leaks(['ghs_test'])).toEqual([]);
  }, 60_000);

  test('rolls back a failing canary with exit 1, then the rollback action is a no-op', async () => {
    canary.setOptions({ errorRate: 0.5 });
    const load = chatTraffic(gw.url);
    const run = await runAction('canary-promote', { environment: 'production', 'gateway-token': TOKEN, 'github-token': 'ghs_test' }, github()).finally(() =>
      load.stop(),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.annotations[0]?.message).toMatch(/canary-promote failed: the canary was rolled back: error-rate: canary worse than stable/);
    expect([...gh.deployments.values()][0]?.statuses.at(-1)).toMatchObject({ state: 'failure' });
    const back = await runAction(
      'rollback',
      { environment: 'production', reason: 'belt and braces', 'gateway-token': TOKEN, 'github-token': 'ghs_test' },
      github(),
    );
    expect(back.exitCode).toBe(0);
    expect(back.outputs).toMatchObject({ noop: 'true', 'rolled-back': '' });
  }, 60_000);

  test('a rolling release through the action, then a rollback that puts the units back and opens an issue', async () => {
    await writeFile(
      path.join(workspace, 'slipway.yml'),
      `version: 1
deploy:
  strategy: rolling
  gateway:
    adminUrl: ${gw.adminUrl}
    route: bot
  rolling:
    backends: [{ from: stable, to: canary }]
    interval: 200ms
    timeout: 5s
    minRequests: 5
`,
    );
    const load = chatTraffic(gw.url);
    const run = await runAction('canary-promote', { environment: 'production', 'gateway-token': TOKEN, 'github-token': 'ghs_test' }, github()).finally(() =>
      load.stop(),
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'promoted', weight: '100' });
    expect((await new GatewayAdminClient(gw.adminUrl, TOKEN).routes()).routes[0]?.weights).toEqual({ stable: 0, canary: 10_000 });
    expect([...gh.deployments.values()][0]?.statuses.map((s) => s.description)).toEqual([
      'rolling 100%: batch 1/1: 1 of 1 units on the new version',
      'promoted: every analysis passed',
    ]);
    const back = await runAction(
      'rollback',
      { environment: 'production', reason: 'answers got worse', 'follow-up': 'issue', 'gateway-token': TOKEN, 'github-token': 'ghs_test' },
      github(),
    );
    expect(back.exitCode).toBe(0);
    expect(back.outputs).toMatchObject({ noop: 'false', 'rolled-back': run.outputs.release, 'follow-up': 'https://github.com/acme/support-bot/issues/1' });
    expect((await new GatewayAdminClient(gw.adminUrl, TOKEN).routes()).routes[0]?.weights).toEqual({ stable: 10_000, canary: 0 });
    expect(gh.issues.get(1)?.body).toContain('Reason: answers got worse');
    expect(gh.issues.get(1)?.body).toContain('(commit 6dcb09b5b578)');
  }, 60_000);

  test('rollout state and history in S3 (s3rver) through the bundled action: a second run finds the finished rollout there', async () => {
    const s3 = await startS3({ buckets: ['slipway-state'] });
    try {
      await writeFile(
        path.join(workspace, 'slipway.yml'),
        `${SLIPWAY_YML(gw.adminUrl)}  state: s3://slipway-state/bot\nartifacts:\n  s3: { endpoint: '${s3.url}', region: us-east-1 }\n`,
      );
      const env = { GITHUB_API_URL: gh.url, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey };
      const load = chatTraffic(gw.url);
      const run = await runAction('canary-promote', { environment: 'production', 'gateway-token': TOKEN, 'github-token': '' }, { env, workspace }).finally(() =>
        load.stop(),
      );
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.outputs.result).toBe('promoted');
      expect(run.leaks([s3.secretAccessKey])).toEqual([]);
      // Nothing was written to the workspace: the state lives in the bucket.
      await expect(readFile(path.join(workspace, '.slipway/state/environments/production.jsonl'), 'utf8')).rejects.toThrow(/ENOENT/);
      const again = await runAction('canary-promote', { environment: 'production', 'gateway-token': TOKEN, 'github-token': '' }, { env, workspace });
      expect(again.exitCode).toBe(0);
      expect(again.outputs.result).toBe('promoted');
      expect(again.stdout).toMatch(/already promoted in production; nothing to do/);
    } finally {
      await s3.stop();
    }
  }, 60_000);

  test('bad inputs are one clear line with exit 2', async () => {
    const noToken = await runAction('canary-promote', { environment: 'production' }, { workspace });
    expect(noToken.exitCode).toBe(2);
    expect(noToken.annotations[0]?.message).toBe(
      'canary-promote failed: input "gateway-token": is not set, and neither is $SLIPWAY_GATEWAY_ADMIN_TOKEN (pass the gateway admin token from a secret)',
    );
    const badRouter = await runAction('canary-promote', { environment: 'production', router: 'nginx', 'gateway-token': TOKEN }, { workspace });
    expect(badRouter.exitCode).toBe(2);
    expect(badRouter.annotations[0]?.message).toMatch(/^canary-promote failed: input "router": .*nginx.*gateway, kubernetes, sagemaker/);
    const badFollowUp = await runAction('rollback', { environment: 'production', 'follow-up': 'email', 'gateway-token': TOKEN }, { workspace });
    expect(badFollowUp.exitCode).toBe(2);
    expect(badFollowUp.annotations[0]?.message).toMatch(/^rollback failed: input "follow-up": .*email/);
    const badEnv = await runAction('rollback', { environment: '../prod' }, { workspace });
    expect(badEnv.exitCode).toBe(2);
    expect(badEnv.annotations[0]?.message).toMatch(/input "environment": "..\/prod" does not match/);
    await writeFile(path.join(workspace, 'strategy.yml'), 'steps:\n  - setWeight: 120\nmetrics: []\n');
    const badStrategy = await runAction('canary-promote', { environment: 'production', strategy: 'strategy.yml', 'gateway-token': TOKEN }, { workspace });
    expect(badStrategy.exitCode).toBe(2);
    expect(badStrategy.annotations[0]?.properties).toMatchObject({ file: 'strategy.yml', line: '2' });
  });
});
