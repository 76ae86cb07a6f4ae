import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kubernetesRouterSchema } from '@slipway/config';
import { type CanaryStrategyInput, FolderRolloutStore, ManualClock, runCanary, type TrafficRouter } from '@slipway/delivery';
import { UserError } from '@slipway/kit';
import { FolderReleaseStore } from '@slipway/release';
import { createKubernetesRouter, KubeClient, loadKubeConfig } from '../../../../packages/delivery/src/kubernetes/index.js';
import { httpRoute, kubeconfigFor, NS, rollout, storedWeight, trafficSource, virtualService } from './fixtures.js';
import { type KubeFake, startKubeFake } from './kube-fake.js';

const RELEASE = `sha256:${'c'.repeat(64)}`;
const strategy: CanaryStrategyInput = {
  steps: [{ setWeight: 10 }, { analysis: { duration: '5m', interval: '30s' } }, { setWeight: 50 }, { analysis: { duration: '5m', interval: '30s' } }],
  metrics: [{ name: 'error-rate', test: 'proportion', minSample: 100 }],
  alpha: 0.01,
};

interface Case {
  kind: 'HTTPRoute' | 'VirtualService' | 'Rollout';
  plural: string;
  seed: () => Record<string, unknown>;
  settings: Record<string, unknown>;
  /** The content types its writes use. */
  patchTypes: string[];
  /** The canary's share before the rollout. */
  initial: number;
}

const cases: Case[] = [
  {
    kind: 'HTTPRoute',
    plural: 'httproutes',
    seed: httpRoute,
    settings: { rule: 'chat', stable: 'bot-v1', canary: 'bot-v2' },
    patchTypes: ['application/json-patch+json'],
    // bot-v2 has no weight yet: the Gateway API default is 1, so 1 part in 101.
    initial: 0.99,
  },
  {
    kind: 'VirtualService',
    plural: 'virtualservices',
    seed: virtualService,
    settings: { stable: 'v1', canary: 'v2' },
    patchTypes: ['application/json-patch+json'],
    initial: 0,
  },
  { kind: 'Rollout', plural: 'rollouts', seed: rollout, settings: {}, patchTypes: ['application/merge-patch+json'], initial: 0 },
];

let fake: KubeFake;
let kubeconfig: string;

beforeEach(async () => {
  fake = await startKubeFake();
  kubeconfig = await kubeconfigFor(fake);
  for (const c of cases) fake.put(c.seed());
});

afterEach(async () => {
  await fake.stop();
});

function routerFor(c: Case, extra: Record<string, unknown> = {}): TrafficRouter {
  return createKubernetesRouter(kubernetesRouterSchema.parse({ kind: c.kind, name: 'support-bot', kubeconfig, ...c.settings, ...extra }));
}

/** Wraps a router so each move records the weight the fake then holds. */
function traced(router: TrafficRouter, plural: string): { router: TrafficRouter; seen: number[] } {
  const seen: number[] = [];
  const after = async (p: Promise<void>) => {
    await p;
    seen.push(storedWeight(fake, plural));
  };
  return {
    seen,
    router: {
      name: router.name,
      canaryWeight: () => router.canaryWeight(),
      setCanaryWeight: (w) => after(router.setCanaryWeight(w)),
      promote: () => after(router.promote()),
      rollback: () => after(router.rollback()),
    },
  };
}

async function canary(router: TrafficRouter, errorRate: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-kube-canary-'));
  return runCanary({
    environment: 'production',
    releaseId: RELEASE,
    strategy,
    router,
    source: trafficSource(router, errorRate),
    store: new FolderRolloutStore(dir),
    history: new FolderReleaseStore(dir),
    clock: new ManualClock(),
  });
}

describe.each(cases)('kubernetes router $kind against the schema-checking fake', (c) => {
  test('a good canary goes 10% -> 50% -> 100% and is promoted; every request fits the schemas', async () => {
    const { router, seen } = traced(routerFor(c), c.plural);
    expect(await router.canaryWeight()).toBe(c.initial);
    const { result, state } = await canary(router, 0.01);
    expect(result).toBe('promoted');
    expect(seen).toEqual([10, 50, 100]);
    expect(state.decisions.filter((d) => d.action === 'look' && d.outcome === 'pass')).toHaveLength(2);
    expect(fake.violations).toEqual([]);
    const patches = fake.calls.filter((call) => call.method === 'PATCH');
    expect(patches.length).toBeGreaterThanOrEqual(3);
    expect(patches.every((call) => call.status === 200)).toBe(true);
    expect(new Set(patches.map((call) => call.contentType))).toEqual(new Set(c.patchTypes));
    expect(await router.canaryWeight()).toBe(100);
  });

  test('a canary with many more errors is rolled back to 0% at the first analysis', async () => {
    const { router, seen } = traced(routerFor(c), c.plural);
    const { result } = await canary(router, 0.2);
    expect(result).toBe('rolled-back');
    expect(seen).toEqual([10, 0]);
    expect(await router.canaryWeight()).toBe(0);
    expect(fake.violations).toEqual([]);
  });

  test('each call is idempotent: a repeat writes nothing', async () => {
    const router = routerFor(c);
    await router.setCanaryWeight(50);
    const writes = () => fake.calls.filter((call) => call.method === 'PATCH').length;
    const once = writes();
    await router.setCanaryWeight(50);
    expect(writes()).toBe(once);
    await router.rollback();
    const rolled = writes();
    await router.rollback();
    await router.rollback();
    expect(writes()).toBe(rolled);
    expect(await router.canaryWeight()).toBe(0);
    await router.promote();
    const promoted = writes();
    await router.promote();
    expect(writes()).toBe(promoted);
    expect(fake.violations).toEqual([]);
  });

  test('a write that conflicts with another writer (409) reads again and succeeds', async () => {
    const router = routerFor(c);
    fake.interfere(c.plural, NS, 'support-bot', 2);
    await router.setCanaryWeight(25);
    expect(fake.calls.filter((call) => call.status === 409)).toHaveLength(2);
    expect(storedWeight(fake, c.plural)).toBe(25);
    expect(fake.violations).toEqual([]);
  });

  test('a writer that keeps conflicting is given up on after five tries, with a clear error', async () => {
    const router = routerFor(c);
    fake.interfere(c.plural, NS, 'support-bot', 10);
    await expect(router.setCanaryWeight(25)).rejects.toThrow(/changed while we wrote it.*5 times in a row/);
    expect(fake.calls.filter((call) => call.status === 409)).toHaveLength(5);
  });

  test('a missing resource names kind, name and namespace, and how to find it', async () => {
    const router = routerFor(c, { name: 'no-such-thing' });
    const error = await router.canaryWeight().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`${c.kind} "no-such-thing" in namespace "prod" was not found`);
    expect((error as UserError).hint).toContain(`kubectl get ${c.plural}`);
  });

  test('RBAC denying patch says which verb on which resource is missing', async () => {
    fake.deny.add(c.kind === 'Rollout' ? 'patch rollouts/status' : `patch ${c.plural}`);
    const router = routerFor(c);
    const error = await (c.kind === 'Rollout' ? router.rollback() : router.setCanaryWeight(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const sub = c.kind === 'Rollout' ? '/status' : '';
    expect((error as UserError).message).toMatch(new RegExp(`^forbidden to patch ${c.plural}\\.[a-z.]+${sub}`));
    expect((error as UserError).hint).toContain(`resources ["${c.plural}${sub}"], verbs ["patch"]`);
  });
});

describe('router configuration errors', () => {
  test('an HTTPRoute with several rules needs the rule named', async () => {
    const router = createKubernetesRouter(
      kubernetesRouterSchema.parse({ kind: 'HTTPRoute', name: 'support-bot', kubeconfig, stable: 'bot-v1', canary: 'bot-v2' }),
    );
    await expect(router.canaryWeight()).rejects.toThrow('HTTPRoute prod/support-bot has 2 rules; say which one carries the canary');
  });

  test('a backend that is not in the rule is named with the ones that are', async () => {
    const router = createKubernetesRouter(
      kubernetesRouterSchema.parse({ kind: 'HTTPRoute', name: 'support-bot', kubeconfig, rule: 'chat', stable: 'bot-v1', canary: 'bot-v3' }),
    );
    await expect(router.setCanaryWeight(10)).rejects.toThrow('has no backendRef to Service "bot-v3" (it has: bot-v1, bot-v2)');
    expect(fake.calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
  });

  test('a kind the cluster does not serve says the CRD may be missing', async () => {
    const client = new KubeClient(loadKubeConfig({ kubeconfig }));
    const ref = { kind: 'Canary', group: 'flagger.app', version: 'v1beta1', plural: 'canaries', namespace: NS, name: 'support-bot' };
    const error = await client.get(ref).catch((e: unknown) => e);
    expect((error as UserError).message).toMatch(/does not serve canaries\.flagger\.app\/v1beta1: is the Canary CRD installed\?/);
    expect(fake.violations).toHaveLength(1);
  });

  test('an unreachable API server is named with its address', async () => {
    const router = createKubernetesRouter(
      kubernetesRouterSchema.parse({ kind: 'VirtualService', name: 'support-bot', kubeconfig, stable: 'v1', canary: 'v2' }),
    );
    await fake.stop();
    await expect(router.canaryWeight()).rejects.toThrow(/cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:\d+/);
    fake = await startKubeFake();
  });

  test('wrong credentials are a clear 401 error', async () => {
    const { writeFile, readFile } = await import('node:fs/promises');
    await writeFile(kubeconfig, (await readFile(kubeconfig, 'utf8')).replace(fake.token, 'stale-token'));
    const router = createKubernetesRouter(kubernetesRouterSchema.parse({ kind: 'Rollout', name: 'support-bot', kubeconfig }));
    await expect(router.canaryWeight()).rejects.toThrow(/did not accept our credentials/);
  });

  test('kind and name are required, and a context must exist', () => {
    expect(() => createKubernetesRouter(kubernetesRouterSchema.parse({ kubeconfig }))).toThrow('deploy.kubernetes.kind is required with router: kubernetes');
    expect(() => createKubernetesRouter(kubernetesRouterSchema.parse({ kind: 'Rollout', kubeconfig }))).toThrow('deploy.kubernetes.name is required');
    expect(() => createKubernetesRouter(kubernetesRouterSchema.parse({ kind: 'Rollout', name: 'x', kubeconfig, context: 'nope' }))).toThrow(
      'the kubeconfig has no context "nope" (it has: fake)',
    );
  });

  test('no kubeconfig anywhere is an error that says what to set, not a call to localhost:8080', () => {
    const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME, KUBERNETES_SERVICE_HOST: process.env.KUBERNETES_SERVICE_HOST };
    process.env.HOME = path.join(tmpdir(), 'slipway-no-home');
    delete process.env.KUBECONFIG;
    delete process.env.KUBERNETES_SERVICE_HOST;
    try {
      expect(() => createKubernetesRouter(kubernetesRouterSchema.parse({ kind: 'Rollout', name: 'x' }))).toThrow(/no Kubernetes cluster is configured/);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });

  test('KUBECONFIG from the environment is used when no file is configured', async () => {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = kubeconfig;
    try {
      const router = createKubernetesRouter(kubernetesRouterSchema.parse({ kind: 'Rollout', name: 'support-bot' }));
      expect(await router.canaryWeight()).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  });
});
