import type { deploySchema } from '@slipway/config';
import { GatewayAdminClient } from '@slipway/gateway';
import { ConfigError, InputError, type Runtime } from '@slipway/kit';
import type { Release } from '@slipway/release';
import type { z } from 'zod';
import { GatewayRollingTarget } from './gateway/rolling.js';
import { GatewayRouter } from './gateway/router.js';
import { GatewayStatsSource } from './gateway/source.js';
import type { RollingTarget } from './rolling.js';
import type { RollingStrategy } from './rolling-controller.js';
import type { TrafficRouter } from './router.js';
import type { MetricSource } from './source.js';

export type DeployConfig = z.infer<typeof deploySchema>;

export const ROUTER_KINDS = ['gateway', 'kubernetes', 'sagemaker'] as const;
export type RouterKind = (typeof ROUTER_KINDS)[number];

/** What the inputs (action inputs, CLI flags) say about the router; they win over slipway.yml. */
export interface RouterInputs {
  router?: RouterKind;
  gatewayAdminUrl?: string;
  route?: string;
  /** The gateway admin token; default from the environment variable `deploy.gateway.tokenEnv`. */
  gatewayToken?: string;
}

/** A router chosen from configuration, with what else that platform offers. */
export interface SelectedRouter {
  kind: RouterKind;
  router: TrafficRouter;
  /** Names of the stable and canary versions on that router (backends, variants). */
  variants: { stable: string; canary: string };
  /** The platform's own metrics (the gateway's stats API); absent when it has none we read. */
  stats?: MetricSource;
  /**
   * The units a rolling release replaces on this platform; absent when it cannot do rolling.
   * `release` is the record being rolled out, when the store has it (its `image` is what a
   * Deployment should run).
   */
  rolling?: (strategy: RollingStrategy, release?: Release) => RollingTarget;
}

/**
 * Picks the traffic router: the `router` input, else `deploy.router`, else the gateway (the
 * embedded default). Each case reads its own section of `deploy` and fails with a ConfigError
 * naming the key to set. New routers add a case here.
 */
export async function selectRouter(rt: Runtime, deploy: DeployConfig, o: RouterInputs, configFile = 'slipway.yml'): Promise<SelectedRouter> {
  const kind: RouterKind = o.router ?? deploy.router ?? 'gateway';
  switch (kind) {
    case 'gateway':
      return gatewayRouter(rt, deploy, o);
    case 'sagemaker': {
      const settings = deploy.sagemaker;
      if (!settings) {
        throw new ConfigError([
          { location: { file: configFile }, message: 'deploy.sagemaker is required with router: sagemaker (endpoint, stable and canary variant names)' },
        ]);
      }
      // Loaded only when chosen: the AWS SDK is large and most users route through the gateway.
      const { SageMakerRouter } = await import('./sagemaker/router.js');
      return {
        kind,
        router: await SageMakerRouter.create(settings, rt.log),
        variants: { stable: settings.stable, canary: settings.canary },
      };
    }
    case 'kubernetes': {
      const settings = deploy.kubernetes;
      if (!settings) {
        throw new ConfigError([
          {
            location: { file: configFile },
            message: 'deploy.kubernetes is required with router: kubernetes (kind, name, stable, canary; deployments for a rolling release)',
          },
        ]);
      }
      // Loaded only when chosen: @kubernetes/client-node is large.
      const k = await import('./kubernetes/index.js');
      const chosen = k.kubernetesSelection(settings, rt.log, { configFile });
      return {
        kind,
        router: chosen.router,
        variants: chosen.variants,
        // The Deployment runs the image of the release being rolled out, when its record names one.
        rolling: (_strategy, release) => k.createKubernetesRollingTarget(settings, rt.log, { configFile, ...imageOf(release) }),
      };
    }
  }
}

function gatewayRouter(rt: Runtime, deploy: DeployConfig, o: RouterInputs): SelectedRouter {
  const adminUrl = o.gatewayAdminUrl ?? deploy.gateway?.adminUrl;
  if (!adminUrl)
    throw new InputError('gateway-admin-url', 'is required (or deploy.gateway.adminUrl in slipway.yml)', {
      hint: 'the admin listener of slipway gateway, e.g. http://127.0.0.1:8081',
    });
  const route = o.route ?? deploy.gateway?.route;
  if (!route) throw new InputError('route', 'is required (or deploy.gateway.route in slipway.yml)', { hint: 'the gateway route whose weights move' });
  const tokenEnv = deploy.gateway?.tokenEnv ?? 'SLIPWAY_GATEWAY_ADMIN_TOKEN';
  const token = o.gatewayToken ?? process.env[tokenEnv];
  if (!token) throw new InputError('gateway-token', `is not set, and neither is $${tokenEnv}`, { hint: 'pass the gateway admin token from a secret' });
  rt.setSecret(token);
  const client = new GatewayAdminClient(adminUrl, token, process.env.GITHUB_ACTOR ? `github:${process.env.GITHUB_ACTOR}` : 'slipway');
  const variants = { stable: deploy.gateway?.stable ?? 'stable', canary: deploy.gateway?.canary ?? 'canary' };
  return {
    kind: 'gateway',
    router: new GatewayRouter(client, { route, ...variants }),
    variants,
    stats: new GatewayStatsSource(client, variants),
    rolling: (strategy) => {
      if (!strategy.backends) {
        throw new ConfigError([
          {
            location: { file: 'slipway.yml' },
            message: 'deploy.rolling.backends is required for a rolling release on the gateway: [{from: old backend, to: new backend}, …]',
          },
        ]);
      }
      return new GatewayRollingTarget(client, { route, backends: strategy.backends, maxErrorRate: strategy.maxErrorRate, minRequests: strategy.minRequests });
    },
  };
}

/** `{image}` for a release record that names its container image (pinned by digest), else nothing. */
function imageOf(release: Release | undefined): { image?: string } {
  const image = release?.image;
  if (!image) return {};
  return { image: image.reference.includes('@') ? image.reference : `${image.reference}@${image.digest}` };
}
