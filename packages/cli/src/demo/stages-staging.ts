import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CanaryStrategyInput, OnlineEvalCase } from '@slipway/delivery';
import type { DemoStage } from './stage.js';
import { releaseOf } from './stages-canary.js';
import { startDemoGateway } from './traffic.js';

/**
 * Blue-green as llm-deploy runs it on the staging branch, shortened: green (v2) starts beside blue
 * (v1) at 0%, the online eval asks both the held-out questions through the override header, then
 * green takes all traffic at once, and blue is retired after the instant-rollback window.
 */
const BLUE_GREEN: CanaryStrategyInput = {
  steps: [{ setWeight: 0 }, { analysis: { duration: '3s', interval: '500ms' } }, { setWeight: 100 }, { analysis: { duration: '1s', interval: '500ms' } }],
  metrics: [{ name: 'eval-score', test: 'paired', direction: 'higher-is-better', tolerance: 0.05, minSample: 16 }],
  retire: { after: '0s', drain: '2s' },
};

export const stagingStage: DemoStage = {
  name: 'staging',
  phase: 'Continuous deployment',
  async run(ctx) {
    const { FolderRolloutStore, GatewayRouter, OnlineEvalSource, rolloutMarkdown, runCanary } = await import('@slipway/delivery');
    const { FolderReleaseStore } = await import('@slipway/release');
    const blue = ctx.state.get('url:v1');
    const green = ctx.state.get('url:v2');
    if (typeof blue !== 'string' || typeof green !== 'string') throw new Error('the staging stage needs the serve stage (url:v1 and url:v2)');

    const { gw, admin } = await startDemoGateway(ctx, {
      backends: {
        stable: { url: `${blue}/v1`, models: { 'support-bot': 'support-bot-v1' } },
        canary: { url: `${green}/v1`, models: { 'support-bot': 'support-bot-v2' } },
      },
      routes: [{ name: 'support-bot', weights: { stable: 10_000, canary: 0 }, sticky: ['header:x-user-id'] }],
    });
    const cases = (await readFile(path.join(ctx.exampleDir, 'data/eval.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as OnlineEvalCase);
    const stateDir = path.join(ctx.workDir, 'state-staging');
    await mkdir(stateDir, { recursive: true });
    const history = new FolderReleaseStore(stateDir);
    const registered = ctx.state.get('finetune:release');
    const releaseId =
      typeof registered === 'string' ? registered : await releaseOf('v2', ctx.state.get('model:v2') as string, (await import('@slipway/release')).sealRelease);

    const run = await runCanary({
      environment: 'staging',
      releaseId: String(releaseId),
      strategy: BLUE_GREEN,
      router: new GatewayRouter(admin, { route: 'support-bot' }),
      source: new OnlineEvalSource({ baseUrl: gw.url, cases, perLook: 8, model: 'support-bot' }),
      store: new FolderRolloutStore(stateDir),
      history,
      log: ctx.rt.log,
    });
    if (run.result !== 'promoted')
      throw new Error(`green (v2) should have been promoted in staging, but the rollout ended ${run.result}: ${run.state.decisions.at(-1)?.reason}`);
    const weights = (await admin.routes()).routes[0]?.weights;
    const outcomes = (await history.history('staging')).map((h) => h.outcome).join(' → ');
    const pairs = run.state.decisions.filter((d) => d.action === 'look' && d.weight === 0).at(-1)?.metrics?.[0]?.nCanary ?? 0;
    return {
      headline: `staging: green (v2) judged at 0% on ${pairs} online-eval pairs, then all traffic at once; ${run.state.decisions.some((d) => d.action === 'retire') ? 'blue (v1) retired' : 'blue (v1) kept'}`,
      body: `${rolloutMarkdown(run.state, 'Blue-green in staging: v2 beside v1')}\nGateway weights afterwards: \`${JSON.stringify(weights)}\`. Release history of staging: ${outcomes}.\n`,
    };
  },
};
