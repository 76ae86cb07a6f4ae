import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { canaryStrategySchema, loadConfig, parseYamlWithSchema } from '@slipway/config';
import { GatewayAdminClient } from '@slipway/gateway';
import { DeploymentMirror, readGitHubContext } from '@slipway/github';
import { GateError, InputError, type Runtime, UserError } from '@slipway/kit';
import { FolderReleaseStore, sealRelease } from '@slipway/release';
import { combineSources } from './combine.js';
import { type CanaryResult, runCanary } from './controller.js';
import { GatewayRouter } from './gateway/router.js';
import { GatewayStatsSource } from './gateway/source.js';
import { mirrorDecisions } from './github-mirror.js';
import { type OnlineEvalCase, OnlineEvalSource } from './online-eval.js';
import { gatewayPrometheusMetrics, PrometheusSource } from './prometheus/source.js';
import { rolloutMarkdown } from './report.js';
import { rollback } from './rollback.js';
import type { MetricSource } from './source.js';
import { FolderRolloutStore } from './state.js';
import type { CanaryStrategy } from './strategy.js';

/** What the canary-promote action and `slipway deploy canary` take; unset values come from slipway.yml's `deploy`. */
export interface DeployOptions {
  environment: string;
  /** A release id (sha256:…); default: a release sealed from the commit (GITHUB_SHA / git). */
  release?: string;
  /** A YAML file holding the canary strategy; default `deploy.canary` in slipway.yml. */
  strategyFile?: string;
  configFile?: string;
  gatewayAdminUrl?: string;
  route?: string;
  /** The admin token; default from the environment variable `deploy.gateway.tokenEnv`. */
  gatewayToken?: string;
  stateDir?: string;
  approved?: boolean;
  /** A JSONL file of eval cases ({id, messages, expected}) sent to both variants at each look. */
  onlineEval?: string;
  gatewayUrl?: string;
  /** Read the canary's error rate and latency from Prometheus (the gateway's metrics) instead of the gateway's stats API. */
  prometheusUrl?: string;
  /** With a token (in Actions), the rollout is mirrored into GitHub Deployments. */
  githubToken?: string;
  /** Shown on the Environments page as the deployment's URL. */
  environmentUrl?: string;
}

/** A mirror into GitHub Deployments when running in Actions with a token; undefined otherwise. */
async function deploymentMirror(rt: Runtime, token: string | undefined): Promise<DeploymentMirror | undefined> {
  if (!token || process.env.GITHUB_ACTIONS !== 'true') return undefined;
  rt.setSecret(token);
  return new DeploymentMirror(await readGitHubContext(process.env, token), rt.log);
}

interface Resolved {
  strategy: CanaryStrategy;
  /** From slipway.yml: `monitor.prometheusUrl` when `monitor.source` is prometheus. */
  prometheusUrl: string | undefined;
  stable: string;
  canary: string;
  router: GatewayRouter;
  client: GatewayAdminClient;
  stateDir: string;
  releaseId: string;
}

async function resolve(rt: Runtime, o: DeployOptions, needStrategy: boolean): Promise<Resolved & { route: string }> {
  const loaded = await loadConfig({ dir: rt.cwd, ...(o.configFile ? { file: o.configFile } : {}) });
  const deploy = loaded.config.deploy ?? {};
  let strategy: CanaryStrategy | undefined = deploy.canary;
  if (o.strategyFile) {
    const file = path.resolve(rt.cwd, o.strategyFile);
    const text = await readFile(file, 'utf8').catch(() => {
      throw new InputError('strategy', `cannot read ${o.strategyFile}`, { hint: 'give the path of a YAML file with steps and metrics' });
    });
    strategy = parseYamlWithSchema(canaryStrategySchema, text, path.relative(rt.cwd, file) || file);
  }
  if (needStrategy && !strategy) {
    throw new UserError('no canary strategy: set deploy.canary in slipway.yml or the strategy input', { hint: 'see docs/delivery.md for steps and metrics' });
  }
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
  const stable = deploy.gateway?.stable ?? 'stable';
  const canary = deploy.gateway?.canary ?? 'canary';
  const router = new GatewayRouter(client, { route, stable, canary });
  const stateDir = path.resolve(loaded.dir, o.stateDir ?? deploy.state ?? '.slipway/state');
  const releaseId = o.release ?? commitRelease();
  if (!/^sha256:[0-9a-f]{64}$/.test(releaseId))
    throw new InputError('release', `"${releaseId}" is not a release id`, { hint: 'use the sha256:… id of a release record, or leave it empty' });
  const monitor = loaded.config.monitor;
  const prometheusUrl = monitor?.source === 'prometheus' ? monitor.prometheusUrl : undefined;
  return { strategy: strategy as CanaryStrategy, prometheusUrl, stable, canary, router, client, stateDir, releaseId, route };
}

/** A release record for the commit being deployed, when no release id was given. */
function commitRelease(): string {
  const sha = process.env.GITHUB_SHA ?? '0'.repeat(40);
  const ref = process.env.GITHUB_REF ?? 'refs/heads/local';
  return sealRelease({ schemaVersion: 1, git: { sha, ref }, createdAt: new Date(0).toISOString() }).id;
}

/**
 * Rolls the canary out and reports it: outputs `result`, `release`, `weight`, the rollout in the
 * job summary. A rollback is a failed gate (exit 1); a pause (waiting for approval) is not.
 */
export async function deployCanary(rt: Runtime, o: DeployOptions): Promise<{ result: CanaryResult; release: string; weight: number }> {
  const r = await resolve(rt, o, true);
  const variants = { stable: r.stable, canary: r.canary };
  const prometheusUrl = o.prometheusUrl ?? r.prometheusUrl;
  const stats: MetricSource = prometheusUrl
    ? new PrometheusSource({ url: prometheusUrl, metrics: gatewayPrometheusMetrics(), variants })
    : new GatewayStatsSource(r.client, variants);
  let source: MetricSource = stats;
  if (o.onlineEval) {
    if (!o.gatewayUrl)
      throw new InputError('gateway-url', 'is required with online-eval', { hint: 'the gateway OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1' });
    const cases = (await readFile(path.resolve(rt.cwd, o.onlineEval), 'utf8'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l, i) => {
        try {
          return JSON.parse(l) as OnlineEvalCase;
        } catch {
          throw new UserError(`${o.onlineEval}:${i + 1}: not valid JSON`, { location: { file: o.onlineEval as string, line: i + 1 } });
        }
      });
    source = combineSources(stats, new OnlineEvalSource({ baseUrl: o.gatewayUrl, cases }));
  }
  const mirror = await deploymentMirror(rt, o.githubToken);
  const run = await runCanary({
    environment: o.environment,
    releaseId: r.releaseId,
    strategy: r.strategy,
    router: r.router,
    source,
    store: new FolderRolloutStore(r.stateDir),
    history: new FolderReleaseStore(r.stateDir),
    log: rt.log,
    ...(o.approved ? { approved: true } : {}),
    ...(mirror
      ? { onDecision: mirrorDecisions(mirror, { ref: process.env.GITHUB_SHA ?? 'HEAD', ...(o.environmentUrl ? { environmentUrl: o.environmentUrl } : {}) }) }
      : {}),
  });
  rt.setOutput('result', run.result);
  rt.setOutput('release', r.releaseId);
  rt.setOutput('weight', String(run.state.weight));
  await rt.appendSummary(rolloutMarkdown(run.state));
  if (run.result === 'rolled-back') {
    const why = run.state.decisions.findLast((d) => d.action === 'look' && (d.outcome === 'fail' || d.outcome === 'error' || d.outcome === 'inconclusive'));
    throw new GateError(`the canary was rolled back: ${why?.reason ?? 'analysis failed'}`);
  }
  return { result: run.result, release: r.releaseId, weight: run.state.weight };
}

/** Sends all traffic back to stable now, and reports what was rolled back and what now serves. */
export async function rollbackDeployment(
  rt: Runtime,
  o: Omit<DeployOptions, 'release' | 'strategyFile' | 'approved' | 'onlineEval' | 'gatewayUrl'> & { reason?: string },
) {
  const r = await resolve(rt, o, false);
  const result = await rollback({
    environment: o.environment,
    router: r.router,
    store: new FolderRolloutStore(r.stateDir),
    history: new FolderReleaseStore(r.stateDir),
    reason: o.reason ?? 'manual rollback',
  });
  const mirror = await deploymentMirror(rt, o.githubToken);
  const deployment = mirror && result.rolledBack ? await mirror.find(o.environment, result.rolledBack) : undefined;
  if (mirror && deployment !== undefined) await mirror.status(deployment, 'failure', `rolled back: ${o.reason ?? 'manual rollback'}`);
  rt.setOutput('rolled-back', result.rolledBack ?? '');
  rt.setOutput('restored', result.restored ?? '');
  rt.setOutput('noop', String(result.noop));
  const what = result.noop ? 'nothing was live: traffic confirmed on stable' : `rolled back ${result.rolledBack} in ${result.elapsedMs} ms`;
  rt.log.info(`${o.environment}: ${what}`);
  await rt.appendSummary(`### ⏪ Rollback of ${o.environment}\n\n${what}; now serving ${result.restored ?? 'the stable backend'}.\n`);
  return result;
}
