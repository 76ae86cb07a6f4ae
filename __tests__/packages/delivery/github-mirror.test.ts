import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FolderRolloutStore, ManualClock, MemoryRouter, mirrorDecisions, type Observation, runCanary } from '@slipway/delivery';
import { DeploymentMirror, type GitHubContext } from '@slipway/github';
import { type GitHubFake, startGitHubFake } from '../github/github-fake.js';

const RELEASE = `sha256:${'c'.repeat(64)}`;

/** Stable and canary with the same 1% error rate, 20 requests a second split by the router. */
function steadySource(router: MemoryRouter) {
  return {
    async collect({ since, until }: { since: number; until: number }): Promise<Record<string, Observation>> {
      const n = Math.round(((until - since) / 1000) * 20);
      const c = Math.round((n * router.weight) / 100);
      return {
        'error-rate': { test: 'proportion', stable: { events: Math.round((n - c) / 100), trials: n - c }, canary: { events: Math.round(c / 100), trials: c } },
      };
    },
  };
}

describe('rollouts mirrored into GitHub Deployments (OpenAPI-checked fake)', () => {
  let gh: GitHubFake;
  beforeEach(async () => {
    gh = await startGitHubFake();
  });
  afterEach(async () => {
    expect(gh.violations).toEqual([]);
    await gh.stop();
  });

  const context = (token = 'ghs_test'): GitHubContext => ({
    token,
    apiUrl: gh.url,
    owner: 'acme',
    repo: 'support-bot',
    eventName: 'push',
    sha: 'abc',
    ref: 'refs/heads/main',
    runUrl: 'https://github.com/acme/support-bot/actions/runs/1',
  });

  test('one deployment per release, a status per step, success when promoted; a resumed run finds it again', async () => {
    const router = new MemoryRouter();
    const store = new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-mirror-')));
    const strategy = {
      steps: [{ setWeight: 10 }, { pause: 'approval' as const }, { setWeight: 50 }],
      metrics: [{ name: 'error-rate', test: 'proportion' as const, minSample: 10 }],
    };
    const options = { environment: 'production', releaseId: RELEASE, strategy, router, source: steadySource(router), store, clock: new ManualClock() };
    const first = await runCanary({
      ...options,
      onDecision: mirrorDecisions(new DeploymentMirror(context()), { ref: 'abc', environmentUrl: 'https://bot.acme.test' }),
    });
    expect(first.result).toBe('paused');
    const second = await runCanary({ ...options, approved: true, onDecision: mirrorDecisions(new DeploymentMirror(context()), { ref: 'abc' }) });
    expect(second.result).toBe('promoted');
    expect(gh.deployments.size).toBe(1);
    const [deployment] = [...gh.deployments.values()];
    expect(deployment).toMatchObject({ environment: 'production', ref: 'abc', payload: { releaseId: RELEASE } });
    expect(deployment?.statuses.map((s) => [s.state, s.description])).toEqual([
      ['in_progress', 'canary 10%'],
      ['in_progress', 'paused at 10%: waiting for approval'],
      ['in_progress', 'approved: continuing from 10%'],
      ['in_progress', 'canary 50%'],
      ['success', 'promoted: every analysis passed'],
    ]);
    expect(deployment?.statuses[0]?.environment_url).toBe('https://bot.acme.test');
  });

  test('a token that cannot write is reported, and the rollout goes on', async () => {
    await gh.stop();
    gh = await startGitHubFake({ readOnlyTokens: ['ghs_readonly'] });
    const warnings: string[] = [];
    const log = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const router = new MemoryRouter();
    const run = await runCanary({
      environment: 'production',
      releaseId: RELEASE,
      strategy: { steps: [{ setWeight: 10 }], metrics: [{ name: 'error-rate', test: 'proportion', minSample: 10 }] },
      router,
      source: steadySource(router),
      store: new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-mirror-'))),
      clock: new ManualClock(),
      onDecision: mirrorDecisions(new DeploymentMirror(context('ghs_readonly'), log), { ref: 'abc' }),
    });
    expect(run.result).toBe('promoted');
    expect(warnings[0]).toMatch(/GitHub deployment not mirrored: the token cannot write deployments \(HTTP 403.*deployments: write/);
  });
});
