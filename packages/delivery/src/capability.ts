import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { canaryStrategySchema, loadConfig, parseYamlWithSchema, rollingStrategySchema } from '@slipway/config';
import { DeploymentMirror, readGitHubContext } from '@slipway/github';
import { GateError, InputError, type Runtime, UserError } from '@slipway/kit';
import { currentRelease, type Release, sealRelease } from '@slipway/release';
import { combineSources } from './combine.js';
import { type CanaryResult, runCanary } from './controller.js';
import { mirrorDecisions } from './github-mirror.js';
import { type OnlineEvalCase, OnlineEvalSource } from './online-eval.js';
import { gatewayPrometheusMetrics, PrometheusSource } from './prometheus/source.js';
import { rolloutMarkdown } from './report.js';
import { type RollbackFollowUp, rollback } from './rollback.js';
import { openFollowUp } from './rollback-follow-up.js';
import { runRolling } from './rolling-controller.js';
import { type DeployConfig, type RouterKind, type SelectedRouter, selectRouter } from './select-router.js';
import { type DeliveryStores, openDeliveryStores } from './select-store.js';
import type { MetricSource } from './source.js';
import type { CanaryStrategy } from './strategy.js';

/** What the canary-promote action and `slipway deploy canary` take; unset values come from slipway.yml's `deploy`. */
export interface DeployOptions {
  environment: string;
  /** A release id (sha256:…); default: a release sealed from the commit (GITHUB_SHA / git). */
  release?: string;
  /** A YAML file holding the canary strategy; default `deploy.canary` in slipway.yml. */
  strategyFile?: string;
  configFile?: string;
  /** The traffic router: gateway (default), kubernetes or sagemaker; default `deploy.router`. */
  router?: RouterKind;
  /** canary (default; blue-green is canary steps), or rolling; default `deploy.strategy`. */
  strategy?: 'canary' | 'blue-green' | 'rolling';
  gatewayAdminUrl?: string;
  route?: string;
  /** The admin token; default from the environment variable `deploy.gateway.tokenEnv`. */
  gatewayToken?: string;
  /** A folder or s3://bucket/prefix; default `deploy.state`, else .slipway/state. */
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
  strategy: CanaryStrategy | undefined;
  /** From slipway.yml: `monitor.prometheusUrl` when `monitor.source` is prometheus. */
  prometheusUrl: string | undefined;
  selected: SelectedRouter;
  deploy: DeployConfig;
  stores: DeliveryStores;
  releaseId: string;
}

async function resolve(rt: Runtime, o: DeployOptions, needStrategy: boolean): Promise<Resolved> {
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
  const kind = o.strategy ?? deploy.strategy ?? 'canary';
  if (needStrategy && kind !== 'rolling' && !strategy) {
    throw new UserError(`no ${kind} strategy: set deploy.canary in slipway.yml or the strategy input`, { hint: 'see docs/delivery.md for steps and metrics' });
  }
  const configFile = loaded.file ? path.relative(rt.cwd, loaded.file) || loaded.file : 'slipway.yml';
  const selected = await selectRouter(rt, deploy, o, configFile);
  const s3 = loaded.config.artifacts?.s3;
  const stores = await openDeliveryStores(rt, o.stateDir ?? deploy.state ?? '.slipway/state', o.stateDir ? rt.cwd : loaded.dir, {
    ...(s3?.region ? { region: s3.region } : {}),
    ...(s3?.endpoint ? { endpoint: s3.endpoint } : {}),
    ...(s3?.pathStyle !== undefined ? { pathStyle: s3.pathStyle } : {}),
  });
  if (o.release !== undefined && !/^sha256:[0-9a-f]{64}$/.test(o.release))
    throw new InputError('release', `"${o.release}" is not a release id`, { hint: 'use the sha256:… id of a release record, or leave it empty' });
  // A release sealed here from the commit is stored too, so a later rollback can name its commit.
  const releaseId = o.release ?? (needStrategy ? await stores.history.putRelease(commitRelease()) : '');
  const monitor = loaded.config.monitor;
  const prometheusUrl = monitor?.source === 'prometheus' ? monitor.prometheusUrl : undefined;
  return { strategy, prometheusUrl, selected, deploy, stores, releaseId };
}

/** A release record for the commit being deployed, when no release id was given. */
function commitRelease(): Release {
  const sha = process.env.GITHUB_SHA ?? '0'.repeat(40);
  const ref = process.env.GITHUB_REF ?? 'refs/heads/local';
  return sealRelease({ schemaVersion: 1, git: { sha, ref }, createdAt: new Date(0).toISOString() }).release;
}

/** The analysis source: the router's own stats (or Prometheus), plus the online eval when asked. */
async function metricSource(rt: Runtime, o: DeployOptions, r: Resolved): Promise<MetricSource> {
  const prometheusUrl = o.prometheusUrl ?? r.prometheusUrl;
  const stats: MetricSource | undefined = prometheusUrl
    ? new PrometheusSource({ url: prometheusUrl, metrics: gatewayPrometheusMetrics(), variants: r.selected.variants })
    : r.selected.stats;
  if (!o.onlineEval) {
    if (!stats) {
      throw new InputError('prometheus-url', `router ${r.selected.kind} has no built-in metrics: give prometheus-url, online-eval, or both`, {
        hint: 'or set monitor.source: prometheus and monitor.prometheusUrl in slipway.yml',
      });
    }
    return stats;
  }
  if (!o.gatewayUrl)
    throw new InputError('gateway-url', 'is required with online-eval', { hint: 'the gateway OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1' });
  const cases = (
    await readFile(path.resolve(rt.cwd, o.onlineEval), 'utf8').catch(() => {
      throw new InputError('online-eval', `cannot read ${o.onlineEval}`, { hint: 'a JSONL file of {id, messages, expected}' });
    })
  )
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as OnlineEvalCase;
      } catch {
        throw new UserError(`${o.onlineEval}:${i + 1}: not valid JSON`, { location: { file: o.onlineEval as string, line: i + 1 } });
      }
    });
  const online = new OnlineEvalSource({ baseUrl: o.gatewayUrl, cases });
  return stats ? combineSources(stats, online) : online;
}

/**
 * Rolls the release out and reports it: outputs `result`, `release`, `weight`, the rollout in the
 * job summary. Canary and blue-green run the strategy's steps through the router; rolling replaces
 * the router's units in batches. A rollback is a failed gate (exit 1); a pause (waiting for
 * approval) is not.
 */
export async function deployCanary(rt: Runtime, o: DeployOptions): Promise<{ result: CanaryResult; release: string; weight: number }> {
  const r = await resolve(rt, o, true);
  try {
    const mirror = await deploymentMirror(rt, o.githubToken);
    const onDecision = mirror
      ? { onDecision: mirrorDecisions(mirror, { ref: process.env.GITHUB_SHA ?? 'HEAD', ...(o.environmentUrl ? { environmentUrl: o.environmentUrl } : {}) }) }
      : {};
    const kind = o.strategy ?? r.deploy.strategy ?? 'canary';
    let run: Awaited<ReturnType<typeof runCanary>>;
    if (kind === 'rolling') {
      if (!r.selected.rolling)
        throw new UserError(`router ${r.selected.kind} cannot do rolling releases`, { hint: 'use strategy canary, or router gateway / kubernetes' });
      const spec = r.deploy.rolling ?? rollingStrategySchema.parse({});
      const release = await r.stores.history.getRelease(r.releaseId).catch(() => undefined);
      const target = r.selected.rolling(spec, release);
      run = await runRolling({
        environment: o.environment,
        releaseId: r.releaseId,
        strategy: spec,
        target,
        store: r.stores.rollouts,
        history: r.stores.history,
        log: rt.log,
        ...onDecision,
      });
    } else {
      const replaces = currentRelease(await r.stores.history.history(o.environment))?.releaseId;
      run = await runCanary({
        environment: o.environment,
        releaseId: r.releaseId,
        strategy: r.strategy as CanaryStrategy,
        router: r.selected.router,
        source: await metricSource(rt, o, r),
        store: r.stores.rollouts,
        history: r.stores.history,
        log: rt.log,
        ...(replaces && replaces !== r.releaseId ? { replaces } : {}),
        ...(o.approved ? { approved: true } : {}),
        ...onDecision,
      });
    }
    rt.setOutput('result', run.result);
    rt.setOutput('release', r.releaseId);
    rt.setOutput('weight', String(run.state.weight));
    await rt.appendSummary(rolloutMarkdown(run.state));
    if (run.result === 'rolled-back') {
      const why =
        run.state.decisions.findLast((d) => d.action === 'look' && (d.outcome === 'fail' || d.outcome === 'error' || d.outcome === 'inconclusive')) ??
        run.state.decisions.findLast((d) => d.action === 'rollback');
      throw new GateError(`the ${kind === 'rolling' ? 'rolling release' : 'canary'} was rolled back: ${why?.reason ?? 'analysis failed'}`);
    }
    return { result: run.result, release: r.releaseId, weight: run.state.weight };
  } finally {
    await r.stores.close();
  }
}

/** What the rollback action and `slipway rollback` take. */
export type RollbackDeploymentOptions = Omit<DeployOptions, 'release' | 'strategyFile' | 'approved' | 'onlineEval' | 'gatewayUrl'> & {
  reason?: string;
  /** Expect this release to be what serves after the rollback; refused when the router serves another. */
  release?: string;
  /** Also open an issue or a revert pull request, so what is declared matches what runs. */
  followUp?: RollbackFollowUp;
};

/** Sends all traffic back to stable now, and reports what was rolled back and what now serves. */
export async function rollbackDeployment(rt: Runtime, o: RollbackDeploymentOptions) {
  const r = await resolve(rt, o, false);
  try {
    const result = await rollback({
      environment: o.environment,
      router: r.selected.router,
      store: r.stores.rollouts,
      history: r.stores.history,
      reason: o.reason ?? 'manual rollback',
      ...(o.release ? { to: o.release } : {}),
      ...(r.selected.rolling && r.deploy.rolling ? { rolling: r.selected.rolling(r.deploy.rolling) } : {}),
    });
    const mirror = await deploymentMirror(rt, o.githubToken);
    const deployment = mirror && result.rolledBack ? await mirror.find(o.environment, result.rolledBack) : undefined;
    if (mirror && deployment !== undefined) await mirror.status(deployment, 'failure', `rolled back: ${o.reason ?? 'manual rollback'}`);
    let followUp = '';
    if (o.followUp && o.followUp !== 'none' && !result.noop) {
      followUp =
        (await openFollowUp(rt, {
          kind: o.followUp,
          environment: o.environment,
          result,
          reason: o.reason ?? 'manual rollback',
          token: o.githubToken,
          history: r.stores.history,
        })) ?? '';
    }
    rt.setOutput('rolled-back', result.rolledBack ?? '');
    rt.setOutput('restored', result.restored ?? '');
    rt.setOutput('noop', String(result.noop));
    if (o.followUp !== undefined) rt.setOutput('follow-up', followUp);
    const what = result.noop ? 'nothing was live: traffic confirmed on stable' : `rolled back ${result.rolledBack} in ${result.elapsedMs} ms`;
    rt.log.info(`${o.environment}: ${what}`);
    await rt.appendSummary(
      `### ⏪ Rollback of ${o.environment}\n\n${what}; now serving ${result.restored ?? 'the stable backend'}.\n${followUp ? `\nFollow-up: ${followUp}\n` : ''}`,
    );
    return result;
  } finally {
    await r.stores.close();
  }
}
