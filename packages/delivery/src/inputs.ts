import { type Runtime, readInputs } from '@slipway/kit';
import type { DeployOptions, RollbackDeploymentOptions } from './capability.js';
import { ROUTER_KINDS } from './select-router.js';

const environment = { kind: 'string', required: true, pattern: /^[a-z0-9][a-z0-9._-]*$/i, patternHint: 'letters, digits, dot, dash, underscore' } as const;

const shared = {
  environment,
  config: { kind: 'string' },
  router: { kind: 'enum', values: ROUTER_KINDS },
  'gateway-admin-url': { kind: 'url' },
  'gateway-token': { kind: 'secret' },
  route: { kind: 'string' },
  state: { kind: 'string' },
  'github-token': { kind: 'secret' },
} as const;

/** The inputs of canary-promote (and of the root action's `command: canary-promote`), parsed once. */
export function readDeployInputs(rt: Runtime): DeployOptions {
  const i = readInputs(rt, {
    ...shared,
    release: { kind: 'string' },
    strategy: { kind: 'string' },
    'gateway-url': { kind: 'url' },
    'prometheus-url': { kind: 'url' },
    'online-eval': { kind: 'string' },
    'environment-url': { kind: 'url' },
    approved: { kind: 'boolean', default: 'false' },
  });
  return {
    ...sharedOptions(i),
    approved: i.approved,
    ...(i.release ? { release: i.release } : {}),
    ...(i.strategy ? { strategyFile: i.strategy } : {}),
    ...(i['gateway-url'] ? { gatewayUrl: i['gateway-url'].href } : {}),
    ...(i['online-eval'] ? { onlineEval: i['online-eval'] } : {}),
    ...(i['prometheus-url'] ? { prometheusUrl: i['prometheus-url'].href } : {}),
    ...(i['environment-url'] ? { environmentUrl: i['environment-url'].href } : {}),
  };
}

/** The inputs of rollback (and of `command: rollback`). */
export function readRollbackInputs(rt: Runtime): RollbackDeploymentOptions & { reason: string } {
  const i = readInputs(rt, {
    ...shared,
    reason: { kind: 'string', default: 'manual rollback' },
    release: { kind: 'string', pattern: /^sha256:[0-9a-f]{64}$/, patternHint: 'sha256: and 64 hex digits' },
    'follow-up': { kind: 'enum', values: ['none', 'issue', 'revert-pr'], default: 'none' },
  });
  return {
    ...sharedOptions(i),
    reason: i.reason,
    followUp: i['follow-up'],
    ...(i.release ? { release: i.release } : {}),
  };
}

function sharedOptions(i: {
  environment: string;
  config: string | undefined;
  router: (typeof ROUTER_KINDS)[number] | undefined;
  'github-token': string | undefined;
  'gateway-admin-url': URL | undefined;
  'gateway-token': string | undefined;
  route: string | undefined;
  state: string | undefined;
}): DeployOptions {
  return {
    environment: i.environment,
    ...(i.config ? { configFile: i.config } : {}),
    ...(i.router ? { router: i.router } : {}),
    ...(i['github-token'] ? { githubToken: i['github-token'] } : {}),
    ...(i['gateway-admin-url'] ? { gatewayAdminUrl: i['gateway-admin-url'].href } : {}),
    ...(i['gateway-token'] ? { gatewayToken: i['gateway-token'] } : {}),
    ...(i.route ? { route: i.route } : {}),
    ...(i.state ? { stateDir: i.state } : {}),
  };
}
