import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CanaryStrategyInput, OnlineEvalCase } from '@slipway/delivery';
import type { DemoStage } from './stage.js';
import { runScript, serveModel } from './support-bot.js';
import { startDemoGateway, userTraffic } from './traffic.js';

/** Short steps so the demo stays quick; a real rollout watches for minutes. */
const STRATEGY: CanaryStrategyInput = {
  steps: [{ setWeight: 10 }, { analysis: { duration: '4s', interval: '500ms' } }, { setWeight: 50 }, { analysis: { duration: '3s', interval: '500ms' } }],
  metrics: [
    { name: 'error-rate', test: 'proportion', minSample: 30 },
    // v2 searches twice the training data, so it really is slower (about 2x at well under a millisecond):
    // the team accepts that, but not a p95 above 250 ms.
    { name: 'latency', test: 'distribution', tolerance: 4, max: 250, stat: 'p95', minSample: 30 },
    { name: 'eval-score', test: 'paired', direction: 'higher-is-better', tolerance: 0.05, minSample: 16 },
  ],
  alpha: 0.01,
};

/**
 * Two canary rollouts through the gateway, judged on its stats and an online eval: v2 (more
 * training data) goes 10% -> 50% -> 100% and is promoted; v3 (trained on shuffled answers, as a
 * broken data pipeline would) is rolled back automatically at 10%.
 */
export const canaryStage: DemoStage = {
  name: 'canary',
  phase: 'Continuous deployment',
  async run(ctx) {
    const { FolderRolloutStore, GatewayRouter, GatewayStatsSource, OnlineEvalSource, combineSources, rolloutMarkdown, runCanary } = await import(
      '@slipway/delivery'
    );
    const { gatewayConfigSchema } = await import('@slipway/gateway');
    const { FolderReleaseStore, sealRelease } = await import('@slipway/release');

    const v3Dir = path.join(ctx.workDir, 'models', 'v3');
    await runScript(ctx.exampleDir, 'train.mjs', ['--data', 'data/train.jsonl', '--out', v3Dir, '--corrupt', 'shuffle', '--seed', '1']);
    const v3 = await serveModel(ctx.exampleDir, v3Dir, 'support-bot-v3');
    ctx.onCleanup(() => v3.stop());
    // When the fine-tune stage ran, v2 (url:v2, model:v2) is the model it registered.
    const tuned = ctx.state.get('finetune:model');
    const v2Label = typeof tuned === 'string' ? 'v2 (fine-tuned, registered)' : 'v2 (twice the training data)';
    const urls: Record<string, string> = { v1: ctx.state.get('url:v1') as string, v2: ctx.state.get('url:v2') as string, v3: v3.url };

    const config = (stable: string, canary: string) =>
      gatewayConfigSchema.parse({
        version: 1,
        accessLog: 'off',
        backends: {
          stable: { url: `${urls[stable]}/v1`, models: { 'support-bot': `support-bot-${stable}` } },
          canary: { url: `${urls[canary]}/v1`, models: { 'support-bot': `support-bot-${canary}` } },
        },
        routes: [{ name: 'support-bot', weights: { stable: 10_000, canary: 0 }, sticky: ['header:x-user-id'] }],
      });
    const { gw, admin } = await startDemoGateway(ctx, config('v1', 'v2'));

    const cases = (await readFile(path.join(ctx.exampleDir, 'data/eval.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as OnlineEvalCase);
    const stateDir = path.join(ctx.workDir, 'state');
    const history = new FolderReleaseStore(stateDir);
    const store = new FolderRolloutStore(stateDir);

    const rollout = async (version: string) => {
      const registered = version === 'v2' ? ctx.state.get('finetune:release') : undefined;
      const releaseId =
        typeof registered === 'string'
          ? registered
          : await releaseOf(version, version === 'v3' ? v3Dir : (ctx.state.get(`model:${version}`) as string), sealRelease);
      const load = userTraffic(gw.url, cases);
      try {
        return await runCanary({
          environment: 'production',
          releaseId,
          strategy: STRATEGY,
          router: new GatewayRouter(admin, { route: 'support-bot' }),
          source: combineSources(new GatewayStatsSource(admin), new OnlineEvalSource({ baseUrl: gw.url, cases, perLook: 8, model: 'support-bot' })),
          store,
          history,
          log: ctx.rt.log,
        });
      } finally {
        ctx.rt.log.info(`${version}: ${await load.stop()} user requests during the rollout`);
      }
    };

    const good = await rollout('v2');
    if (good.result !== 'promoted')
      throw new Error(`v2 should have been promoted, but the rollout ended ${good.result}: ${good.state.decisions.at(-1)?.reason}`);
    // v2 is the new stable; v3 comes in as the canary.
    await gw.reload(config('v2', 'v3'), 'slipway-demo');
    const bad = await rollout('v3');
    if (bad.result !== 'rolled-back') throw new Error(`v3 should have been rolled back, but the rollout ended ${bad.result}`);
    const weights = (await admin.routes()).routes[0]?.weights;
    const fail = bad.state.decisions.find((d) => d.outcome === 'fail');
    const outcomes = (await history.history('production')).map((h) => h.outcome).join(' → ');
    return {
      headline: `${v2Label} promoted 10% → 50% → 100%; v3 (shuffled training data) rolled back at ${fail?.weight ?? 10}% after ${secondsBetween(bad.state.startedAt, fail?.at)} s`,
      body: `${rolloutMarkdown(good.state, `${v2Label} replaces v1`)}\n${rolloutMarkdown(bad.state, 'v3 (trained on shuffled answers) tries to replace v2')}\nGateway weights afterwards: \`${JSON.stringify(weights)}\`. Release history of production: ${outcomes}.\n`,
      prComment: `### Canary\n\n- v2: **${good.result}**\n- v3: **${bad.result}** — ${
        fail?.metrics
          ?.filter((m) => m.outcome === 'fail')
          .map((m) => `${m.name}: ${m.reason}`)
          .join('; ') ?? ''
      }`,
    };
  },
};

/** A release record for a model version: its weights' digest stands in for the artifact pointers. */
export async function releaseOf(version: string, modelDir: string, seal: typeof import('@slipway/release').sealRelease): Promise<string> {
  const weights = await readFile(path.join(modelDir, 'weights.bin'));
  const answers = await readFile(path.join(modelDir, 'answers.json'));
  const md5 = createHash('md5').update(weights).update(answers).digest('hex');
  const sha = createHash('sha1').update(`${version}:${md5}`).digest('hex');
  return seal({
    schemaVersion: 1,
    git: { sha, ref: `refs/tags/support-bot-${version}` },
    models: [{ path: 'model', md5, size: weights.length + answers.length }],
    createdAt: '2026-11-27T00:00:00Z',
  }).id;
}

function secondsBetween(a: string, b: string | undefined): string {
  return b ? ((Date.parse(b) - Date.parse(a)) / 1000).toFixed(1) : '?';
}
