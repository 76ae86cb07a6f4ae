import type { kubernetesRouterSchema } from '@slipway/config';
import { ConfigError, type Logger } from '@slipway/kit';
import type { z } from 'zod';
import type { RollingTarget } from '../rolling.js';
import type { TrafficRouter } from '../router.js';
import { ArgoRolloutRouter } from './argo-rollout.js';
import { KubeClient, loadKubeConfig, resolveNamespace } from './client.js';
import { DeploymentRollingTarget } from './deployment-rolling.js';
import { HttpRouteRouter } from './httproute.js';
import { VirtualServiceRouter } from './virtual-service.js';

/** `deploy.kubernetes` of slipway.yml, defaults applied. */
export type KubernetesSettings = z.output<typeof kubernetesRouterSchema>;

export interface KubernetesFactoryOptions {
  /** Which file to name in configuration errors. */
  configFile?: string;
}

const need = (file: string, message: string) => new ConfigError([{ location: { file }, message }]);

/**
 * The traffic router for `router: kubernetes`: weights on a Gateway API HTTPRoute, an Istio
 * VirtualService or an Argo Rollout, through @kubernetes/client-node with the kubeconfig from
 * the settings or the default chain. Nothing is contacted until the first call.
 */
export function createKubernetesRouter(settings: KubernetesSettings, log?: Logger, o: KubernetesFactoryOptions = {}): TrafficRouter {
  const file = o.configFile ?? 'slipway.yml';
  if (!settings.kind) throw need(file, 'deploy.kubernetes.kind is required with router: kubernetes (HTTPRoute, VirtualService or Rollout)');
  if (!settings.name) throw need(file, `deploy.kubernetes.name is required: the ${settings.kind} whose weights move`);
  const kc = loadKubeConfig(settings);
  const client = new KubeClient(kc, log);
  const namespace = resolveNamespace(kc, settings);
  switch (settings.kind) {
    case 'HTTPRoute':
      return new HttpRouteRouter(client, { namespace, name: settings.name, rule: settings.rule, stable: settings.stable, canary: settings.canary });
    case 'VirtualService':
      return new VirtualServiceRouter(client, {
        namespace,
        name: settings.name,
        rule: settings.rule,
        stable: settings.stable,
        canary: settings.canary,
        destination: settings.destination,
      });
    case 'Rollout':
      return new ArgoRolloutRouter(client, { namespace, name: settings.name });
  }
}

/**
 * The rolling target for `strategy: rolling` on Kubernetes: replicas moved batch by batch from
 * the `deployments.from` Deployment to `deployments.to`, with `image` (argument, else the
 * setting, else what `to` runs) set on `to`.
 */
export function createKubernetesRollingTarget(
  settings: KubernetesSettings,
  log?: Logger,
  o: KubernetesFactoryOptions & { image?: string } = {},
): RollingTarget {
  const d = settings.deployments;
  if (!d) throw need(o.configFile ?? 'slipway.yml', 'deploy.kubernetes.deployments ({from, to}) is required for a rolling release on Kubernetes');
  const kc = loadKubeConfig(settings);
  return new DeploymentRollingTarget(new KubeClient(kc, log), {
    namespace: resolveNamespace(kc, settings),
    from: d.from,
    to: d.to,
    container: d.container,
    image: o.image ?? d.image,
  });
}

/** Names of the stable and canary versions, for reports. */
export function kubernetesVariants(settings: KubernetesSettings): { stable: string; canary: string } {
  return { stable: settings.stable, canary: settings.canary };
}

/**
 * Everything `router: kubernetes` offers, for the router selection: the traffic router (when
 * `kind` is set; a rolling-only setup gets one that explains what is missing when used), the
 * variant names, and the Deployment rolling target.
 */
export function kubernetesSelection(
  settings: KubernetesSettings,
  log?: Logger,
  o: KubernetesFactoryOptions = {},
): { router: TrafficRouter; variants: { stable: string; canary: string }; rolling: () => RollingTarget } {
  const file = o.configFile ?? 'slipway.yml';
  let router: TrafficRouter;
  if (settings.kind || !settings.deployments) router = createKubernetesRouter(settings, log, o);
  else {
    const missing = async (): Promise<never> => {
      throw need(file, 'deploy.kubernetes.kind and name are required to move traffic (only deployments, for rolling releases, are set)');
    };
    router = { name: 'kubernetes', canaryWeight: missing, setCanaryWeight: missing, promote: missing, rollback: missing };
  }
  return { router, variants: kubernetesVariants(settings), rolling: () => createKubernetesRollingTarget(settings, log, o) };
}

export type { ArgoRolloutRouterOptions } from './argo-rollout.js';
export { ArgoRolloutRouter } from './argo-rollout.js';
export type { ConnectionSettings, KubeObject, ResourceRef } from './client.js';
export { KubeClient, loadKubeConfig } from './client.js';
export type { DeploymentRollingOptions } from './deployment-rolling.js';
export { DeploymentRollingTarget, SIZE_ANNOTATION } from './deployment-rolling.js';
export type { HttpRouteRouterOptions } from './httproute.js';
export { HttpRouteRouter } from './httproute.js';
export type { VirtualServiceRouterOptions } from './virtual-service.js';
export { VirtualServiceRouter } from './virtual-service.js';
