import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kubernetesRouterSchema } from '@slipway/config';
import { FolderRolloutStore, ManualClock } from '@slipway/delivery';
import { UserError } from '@slipway/kit';
import { FolderReleaseStore } from '@slipway/release';
import { createKubernetesRollingTarget, kubernetesSelection, SIZE_ANNOTATION } from '../../../../packages/delivery/src/kubernetes/index.js';
import { runRolling } from '../../../../packages/delivery/src/rolling-controller.js';
import { deployment, kubeconfigFor, NS } from './fixtures.js';
import { type KubeFake, startKubeFake } from './kube-fake.js';

const RELEASE = `sha256:${'d'.repeat(64)}`;
const V1 = 'registry.example/support-bot:v1';
const V2 = 'registry.example/support-bot:v2';
const V3 = 'registry.example/support-bot:v3';

let fake: KubeFake;
let kubeconfig: string;

beforeEach(async () => {
  fake = await startKubeFake();
  kubeconfig = await kubeconfigFor(fake);
  fake.put(deployment('bot-blue', V1, 4));
  fake.put(deployment('bot-green', V1, 0));
});

afterEach(async () => {
  await fake.stop();
});

const target = (image: string, extra: Record<string, unknown> = {}) =>
  createKubernetesRollingTarget(
    kubernetesRouterSchema.parse({ kubeconfig, deployments: { from: 'bot-blue', to: 'bot-green', container: 'bot', ...extra } }),
    undefined,
    { image },
  );

const replicas = (name: string) => (fake.object('deployments', NS, name).spec as { replicas: number }).replicas;
const imageOf = (name: string) =>
  (fake.object('deployments', NS, name).spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;

async function roll(image: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-kube-rolling-'));
  return runRolling({
    environment: 'production',
    releaseId: RELEASE,
    strategy: { batchSize: 2, interval: '5s', timeout: '2m' },
    target: target(image),
    store: new FolderRolloutStore(dir),
    history: new FolderReleaseStore(dir),
    clock: new ManualClock(),
  });
}

describe('kubernetes Deployment rolling target against the schema-checking fake', () => {
  test('a healthy image moves 2 then 4 of 4 replicas from blue to green, each batch checked', async () => {
    const { result, state } = await roll(V2);
    expect(result).toBe('promoted');
    expect([replicas('bot-blue'), replicas('bot-green')]).toEqual([0, 4]);
    expect(imageOf('bot-green')).toBe(V2);
    expect(imageOf('bot-blue')).toBe(V1);
    expect(fake.object('deployments', NS, 'bot-green').metadata.annotations).toEqual({ [SIZE_ANNOTATION]: '4' });
    expect(state.decisions.filter((d) => d.action === 'batch').map((d) => d.weight)).toEqual([50, 100]);
    // The first look after each move sees the controller behind (observedGeneration), then healthy.
    expect(state.decisions.filter((d) => d.action === 'look').map((d) => d.outcome)).toEqual(['pass', 'pass']);
    expect(fake.violations).toEqual([]);
    const patches = fake.calls.filter((c) => c.method === 'PATCH');
    expect(new Set(patches.map((c) => `${c.path.split('/').pop()} ${c.contentType}`))).toEqual(
      new Set(['bot-green application/json-patch+json', 'bot-blue application/merge-patch+json']),
    );
  });

  test('an image whose pods never get ready (ProgressDeadlineExceeded) is undone: blue back to 4', async () => {
    fake.badImages.add(V3);
    const { result, state } = await roll(V3);
    expect(result).toBe('rolled-back');
    expect(state.decisions.find((d) => d.outcome === 'fail')?.reason).toMatch(/ProgressDeadlineExceeded/);
    expect([replicas('bot-blue'), replicas('bot-green')]).toEqual([4, 0]);
    expect(fake.violations).toEqual([]);
  });

  test('health waits for the controller, then reads ready/available replicas', async () => {
    const t = target(V2);
    await t.updateTo(2);
    expect(await t.health()).toEqual({ healthy: false, reason: `Deployment ${NS}/bot-green: the controller has not seen the change yet` });
    expect(await t.health()).toEqual({ healthy: true, reason: `Deployment ${NS}/bot-green: 2/2 replicas updated, ready and available` });
    expect(await t.updated()).toBe(2);
  });

  test('the size survives a crash between scaling green up and blue down', async () => {
    const t = target(V2);
    await t.updateTo(2);
    // As if the run died before blue was scaled down: blue still has all 4.
    (fake.object('deployments', NS, 'bot-blue').spec as { replicas: number }).replicas = 4;
    expect(await t.size()).toBe(4);
    await t.updateTo(4);
    expect([replicas('bot-blue'), replicas('bot-green')]).toEqual([0, 4]);
    await t.undo();
    await t.undo();
    expect([replicas('bot-blue'), replicas('bot-green')]).toEqual([4, 0]);
    expect(fake.violations).toEqual([]);
  });

  test('updateTo is idempotent: the same count twice writes once', async () => {
    const t = target(V2);
    await t.updateTo(2);
    const writes = fake.calls.filter((c) => c.method === 'PATCH').length;
    await t.updateTo(2);
    expect(fake.calls.filter((c) => c.method === 'PATCH').length).toBe(writes);
  });

  test('a missing Deployment and a missing container are named', async () => {
    const missing = createKubernetesRollingTarget(kubernetesRouterSchema.parse({ kubeconfig, deployments: { from: 'bot-blue', to: 'bot-purple' } }));
    const error = await missing.size().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('Deployment "bot-purple" in namespace "prod" was not found');
    await expect(target(V2, { container: 'sidecar' }).updateTo(1)).rejects.toThrow('Deployment prod/bot-green has no container "sidecar" (it has: bot)');
    expect(() => createKubernetesRollingTarget(kubernetesRouterSchema.parse({ kubeconfig }))).toThrow('deploy.kubernetes.deployments ({from, to}) is required');
  });

  test('RBAC without patch on deployments names the verb and resource', async () => {
    fake.deny.add('patch deployments');
    const error = await target(V2)
      .updateTo(2)
      .catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/^forbidden to patch deployments\.apps \(Deployment "bot-green" in namespace "prod"\)/);
    expect((error as UserError).hint).toContain('apiGroups ["apps"], resources ["deployments"], verbs ["patch"]');
  });
});

describe('kubernetesSelection', () => {
  test('a rolling-only setup gets the rolling target, and a router that says what is missing', async () => {
    const chosen = kubernetesSelection(kubernetesRouterSchema.parse({ kubeconfig, deployments: { from: 'bot-blue', to: 'bot-green' } }));
    expect(await chosen.rolling().size()).toBe(4);
    await expect(chosen.router.setCanaryWeight(10)).rejects.toThrow('deploy.kubernetes.kind and name are required to move traffic');
    expect(chosen.variants).toEqual({ stable: 'stable', canary: 'canary' });
  });

  test('with a kind it is the router of that kind', () => {
    const chosen = kubernetesSelection(kubernetesRouterSchema.parse({ kubeconfig, kind: 'HTTPRoute', name: 'support-bot', stable: 'a', canary: 'b' }));
    expect(chosen.router.name).toBe('kubernetes/HTTPRoute');
    expect(chosen.variants).toEqual({ stable: 'a', canary: 'b' });
  });
});
