import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@slipway/config';
import { type DeployConfig, FolderRolloutStore, ManualClock, openDeliveryStores, runRolling, selectRouter } from '@slipway/delivery';
import type { Runtime } from '@slipway/kit';
import { sealRelease } from '@slipway/release';
import { deployment, kubeconfigFor, NS } from './kubernetes/fixtures.js';
import { startKubeFake } from './kubernetes/kube-fake.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const secrets: string[] = [];
const rt = { cwd: process.cwd(), setSecret: (s: string) => secrets.push(s), log: { debug() {}, info() {}, warn() {}, error() {} } } as unknown as Runtime;
const gateway = { adminUrl: 'http://127.0.0.1:1', route: 'bot', stable: 'stable', canary: 'canary', tokenEnv: 'SLIPWAY_GATEWAY_ADMIN_TOKEN' };

describe('router selection', () => {
  test('the gateway is the default; the router input wins over deploy.router', async () => {
    const chosen = await selectRouter(rt, { router: 'sagemaker', gateway }, { router: 'gateway', gatewayToken: 'tok-123' });
    expect(chosen.kind).toBe('gateway');
    expect(chosen.router.name).toBe('gateway');
    expect(chosen.stats).toBeDefined();
    expect(secrets).toContain('tok-123');
    expect((await selectRouter(rt, { gateway }, { gatewayToken: 't' })).kind).toBe('gateway');
  });

  test('sagemaker reads deploy.sagemaker; it has no built-in metrics and no rolling target', async () => {
    const deploy: DeployConfig = {
      router: 'sagemaker',
      sagemaker: { endpoint: 'support-bot', stable: 'blue', canary: 'green', region: 'eu-west-1', timeout: '10m' },
    };
    const chosen = await selectRouter(rt, deploy, {});
    expect(chosen).toMatchObject({ kind: 'sagemaker', variants: { stable: 'blue', canary: 'green' } });
    expect(chosen.router.name).toBe('sagemaker');
    expect(chosen.stats).toBeUndefined();
    expect(chosen.rolling).toBeUndefined();
  });

  test.each([
    [
      { router: 'sagemaker' } as DeployConfig,
      {},
      'slipway.yml: deploy.sagemaker is required with router: sagemaker (endpoint, stable and canary variant names)',
    ],
    [
      { router: 'kubernetes' } as DeployConfig,
      {},
      'slipway.yml: deploy.kubernetes is required with router: kubernetes (kind, name, stable, canary; deployments for a rolling release)',
    ],
    [{}, {}, 'input "gateway-admin-url": is required (or deploy.gateway.adminUrl in slipway.yml)'],
    [{ gateway: { ...gateway, route: '' } }, { route: '' }, 'input "route": is required (or deploy.gateway.route in slipway.yml)'],
  ])('a missing setting is a one-line error naming it (%j)', async (deploy, inputs, message) => {
    const saved = process.env.SLIPWAY_GATEWAY_ADMIN_TOKEN;
    delete process.env.SLIPWAY_GATEWAY_ADMIN_TOKEN;
    try {
      const error = await selectRouter(rt, deploy, inputs).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toMatch(/Error$/);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    } finally {
      if (saved !== undefined) process.env.SLIPWAY_GATEWAY_ADMIN_TOKEN = saved;
    }
  });

  test('rolling on the gateway needs deploy.rolling.backends', async () => {
    const chosen = await selectRouter(rt, { gateway }, { gatewayToken: 't' });
    expect(() => chosen.rolling?.({ interval: '5s', timeout: '5m', soak: '0s', maxErrorRate: 0.05, minRequests: 0 })).toThrow(
      'slipway.yml: deploy.rolling.backends is required for a rolling release on the gateway: [{from: old backend, to: new backend}, …]',
    );
    expect(chosen.rolling?.({ interval: '5s', timeout: '5m', soak: '0s', maxErrorRate: 0.05, minRequests: 0, backends: [{ from: 'a', to: 'b' }] })?.name).toBe(
      'gateway route bot',
    );
  });
});

describe('router: kubernetes through the selection', () => {
  test('a rolling release runs the image of the release record on the Deployment (schema-checking Kubernetes fake)', async () => {
    const fake = await startKubeFake();
    try {
      fake.put(deployment('bot-blue', 'registry.example/bot:v1', 2));
      fake.put(deployment('bot-green', 'registry.example/bot:v1', 0));
      const { config } = await loadConfig({ dir: await mkdtemp(path.join(tmpdir(), 'slipway-k8s-select-')) });
      const deploy: DeployConfig = {
        ...(config.deploy ?? {}),
        router: 'kubernetes',
        kubernetes: (await import('@slipway/config')).kubernetesRouterSchema.parse({
          kubeconfig: await kubeconfigFor(fake),
          deployments: { from: 'bot-blue', to: 'bot-green', container: 'bot' },
        }),
      };
      const chosen = await selectRouter(rt, deploy, {});
      expect(chosen.kind).toBe('kubernetes');
      const digest = `sha256:${'9'.repeat(64)}`;
      const release = sealRelease({
        schemaVersion: 1,
        git: { sha: 'abcdef1', ref: 'refs/heads/main' },
        image: { reference: 'registry.example/bot:v2', digest },
        createdAt: '2026-11-28T00:00:00Z',
      }).release;
      const target = chosen.rolling?.({ batchSize: 1, interval: '5s', timeout: '2m', soak: '0s', maxErrorRate: 0.05, minRequests: 0 }, release);
      const run = await runRolling({
        environment: 'production',
        releaseId: `sha256:${'d'.repeat(64)}`,
        strategy: { batchSize: 1, interval: '5s', timeout: '2m' },
        target: target as NonNullable<typeof target>,
        store: new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-k8s-select-'))),
        clock: new ManualClock(),
      });
      expect(run.result).toBe('promoted');
      const green = fake.object('deployments', NS, 'bot-green').spec as { replicas: number; template: { spec: { containers: { image: string }[] } } };
      expect(green.replicas).toBe(2);
      expect(green.template.spec.containers[0]?.image).toBe(`registry.example/bot:v2@${digest}`);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});

describe('slipway.yml deploy keys', () => {
  test.each([
    ['rolling: { batchSize: 1, batches: 2 }', /deploy\.rolling.*set batchSize or batches, not both/],
    ['sagemaker: { endpoint: "bad_name!" }', /deploy\.sagemaker\.endpoint/],
    ['canary: { steps: [{ setWeight: 10 }], metrics: [{ name: e, test: proportion }], onApprovalTimeout: wait }', /onApprovalTimeout/],
    ['canary: { steps: [{ setWeight: 10 }], metrics: [{ name: e, test: proportion }], retire: { after: soon } }', /retire\.after/],
  ])('deploy: %s is refused with the file, line and key', async (yaml, message) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-deploy-config-'));
    await writeFile(path.join(dir, 'slipway.yml'), `version: 1\ndeploy:\n  ${yaml}\n`);
    const error = await loadConfig({ dir }).catch((e: Error) => e);
    expect((error as Error).name).toBe('ConfigError');
    expect((error as Error).message).toMatch(/slipway\.yml:3/);
    expect((error as Error).message).toMatch(message);
  });

  test('state: an unknown URL scheme is a user error', async () => {
    await expect(openDeliveryStores(rt, 'gs://bucket/state', process.cwd())).rejects.toThrow(
      'deploy.state: "gs://bucket/state" is neither a folder nor s3://bucket/prefix',
    );
  });
});
