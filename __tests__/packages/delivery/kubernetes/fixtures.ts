/** Seed objects, a kubeconfig for the fake, and a traffic source split by the live weight. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MetricSource, Observation, TrafficRouter } from '@slipway/delivery';
import type { KubeFake } from './kube-fake.js';

export const NS = 'prod';

/** A kubeconfig whose only cluster is the fake, with its bearer token and `prod` as the namespace. */
export async function kubeconfigFor(fake: KubeFake): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-kube-'));
  const file = path.join(dir, 'config');
  await writeFile(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      // client-node 1.x sends a token over plain HTTP only to a cluster marked insecure-skip-tls-verify.
      `- name: fake\n  cluster:\n    server: ${fake.url}\n    insecure-skip-tls-verify: true`,
      'users:',
      `- name: ci\n  user:\n    token: ${fake.token}`,
      'contexts:',
      `- name: fake\n  context:\n    cluster: fake\n    user: ci\n    namespace: ${NS}`,
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return file;
}

export const httpRoute = () => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'support-bot', namespace: NS },
  spec: {
    parentRefs: [{ name: 'public' }],
    rules: [
      { name: 'health', matches: [{ path: { type: 'PathPrefix', value: '/healthz' } }], backendRefs: [{ name: 'bot-v1', port: 8080 }] },
      {
        name: 'chat',
        matches: [{ path: { type: 'PathPrefix', value: '/v1' } }],
        backendRefs: [
          { name: 'bot-v1', port: 8080, weight: 100 },
          { name: 'bot-v2', port: 8080 },
        ],
      },
    ],
  },
});

export const virtualService = () => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'support-bot', namespace: NS },
  spec: {
    hosts: ['support-bot'],
    http: [
      {
        name: 'chat',
        route: [
          { destination: { host: 'support-bot', subset: 'v1' }, weight: 100 },
          { destination: { host: 'support-bot', subset: 'v2' }, weight: 0 },
        ],
      },
    ],
  },
});

/** A Rollout whose new template (v2) waits at a pause with no weight; the stable ReplicaSet runs v1. */
export const rollout = () => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'support-bot', namespace: NS },
  spec: {
    replicas: 4,
    selector: { matchLabels: { app: 'support-bot' } },
    template: { metadata: { labels: { app: 'support-bot' } }, spec: { containers: [{ name: 'bot', image: 'registry.example/support-bot:v2' }] } },
    strategy: {
      canary: {
        stableService: 'bot-stable',
        canaryService: 'bot-canary',
        trafficRouting: { istio: { virtualService: { name: 'support-bot', routes: ['chat'] } } },
        steps: [{ pause: {} }],
      },
    },
  },
  status: { stableRS: '5d8f7c9b4a' },
});

export const deployment = (name: string, image: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: NS, labels: { app: 'support-bot' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'support-bot', track: name } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    progressDeadlineSeconds: 120,
    template: {
      metadata: { labels: { app: 'support-bot', track: name } },
      spec: { containers: [{ name: 'bot', image, ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } }] },
    },
  },
});

/** The canary's share as the cluster holds it, read from the stored object, independently of the routers. */
export function storedWeight(fake: KubeFake, plural: string): number {
  // biome-ignore lint/suspicious/noExplicitAny: a test reading a stored object of one of three shapes
  const o = fake.object(plural, NS, 'support-bot') as any;
  if (plural === 'httproutes') {
    const refs: { name: string; weight?: number }[] = o.spec.rules.find((r: { name: string }) => r.name === 'chat').backendRefs;
    const w = (n: string) => refs.find((b) => b.name === n)?.weight ?? 1;
    return (100 * w('bot-v2')) / (w('bot-v1') + w('bot-v2'));
  }
  if (plural === 'virtualservices') {
    const route: { destination: { subset: string }; weight: number }[] = o.spec.http[0].route;
    return route.find((d) => d.destination.subset === 'v2')?.weight ?? 0;
  }
  const steps: { setWeight?: number }[] = o.spec.strategy.canary.steps;
  if (o.status?.abort === true) return 0;
  if (o.status.currentStepIndex >= steps.length) return 100;
  return steps[0]?.setWeight ?? 0;
}

/** 20 req/s split by the weight the router reads back; stable errs 1% of the time, the canary as given. */
export function trafficSource(router: TrafficRouter, canaryErrorRate: number): MetricSource {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return {
    async collect({ since, until }): Promise<Record<string, Observation | Error>> {
      const weight = await router.canaryWeight();
      const total = Math.round(20 * Math.max(0, (until - since) / 1000));
      const canaryTrials = Math.round(total * (weight / 100));
      const errors = (n: number, p: number) => Array.from({ length: n }).filter(() => rand() < p).length;
      return {
        'error-rate': {
          test: 'proportion',
          stable: { events: errors(total - canaryTrials, 0.01), trials: total - canaryTrials },
          canary: { events: errors(canaryTrials, canaryErrorRate), trials: canaryTrials },
        },
      };
    },
  };
}
