import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  FolderRolloutStore,
  ManualClock,
  MemoryRouter,
  mirrorDecisions,
  type Observation,
  openFollowUp,
  type RollingTarget,
  runCanary,
  runRolling,
} from '@slipway/delivery';
import { DeploymentMirror, type GitHubContext } from '@slipway/github';
import type { Runtime } from '@slipway/kit';
import { FolderReleaseStore, sealRelease } from '@slipway/release';
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

  test('a rolling release gets a status per batch, and a blue-green retirement marks the old deployment inactive', async () => {
    const units = { count: 0 };
    const target: RollingTarget = {
      name: 'replicas',
      size: async () => 4,
      updated: async () => units.count,
      updateTo: async (n) => {
        units.count = n;
      },
      health: async () => ({ healthy: true, reason: 'ready' }),
      undo: async () => {
        units.count = 0;
      },
    };
    const run = await runRolling({
      environment: 'staging',
      releaseId: RELEASE,
      strategy: { batches: 2, interval: '1s' },
      target,
      store: new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-mirror-'))),
      clock: new ManualClock(),
      onDecision: mirrorDecisions(new DeploymentMirror(context()), { ref: 'abc' }),
    });
    expect(run.result).toBe('promoted');
    const [rolling] = [...gh.deployments.values()];
    expect(rolling?.description).toBe(`rolling release of ${'c'.repeat(12)}`);
    expect(rolling?.statuses.map((s) => [s.state, s.description])).toEqual([
      ['in_progress', 'rolling 50%: batch 1/2: 2 of 4 units on the new version'],
      ['in_progress', 'rolling 100%: batch 2/2: 4 of 4 units on the new version'],
      ['success', 'promoted: every analysis passed'],
    ]);

    // Blue-green: the old release (already mirrored) goes inactive when it is retired.
    const OLD = `sha256:${'e'.repeat(64)}`;
    const mirror = new DeploymentMirror(context());
    const oldId = await mirror.start({ environment: 'production', ref: 'old', releaseId: OLD, payload: {}, description: 'blue' });
    const router = new MemoryRouter();
    const green = await runCanary({
      environment: 'production',
      releaseId: RELEASE,
      replaces: OLD,
      strategy: { steps: [{ setWeight: 100 }], metrics: [{ name: 'error-rate', test: 'proportion', minSample: 10 }], retire: { after: '5m' } },
      router,
      source: steadySource(router),
      store: new FolderRolloutStore(await mkdtemp(path.join(tmpdir(), 'slipway-mirror-'))),
      clock: new ManualClock(),
      onDecision: mirrorDecisions(mirror, { ref: 'abc' }),
    });
    expect(green.state.retiredAt).toBeDefined();
    expect(gh.deployments.get(oldId as number)?.statuses.map((s) => s.state)).toEqual(['inactive']);
    expect(String(gh.deployments.get(oldId as number)?.statuses[0]?.description)).toMatch(/^retired eeeeeeeeeeee after the rollback window/);
  });

  test('a rollback can open an issue that says what was rolled back and why (revert PR falls back to it)', async () => {
    const saved = { api: process.env.GITHUB_API_URL, repo: process.env.GITHUB_REPOSITORY };
    process.env.GITHUB_API_URL = gh.url;
    process.env.GITHUB_REPOSITORY = 'acme/support-bot';
    try {
      const history = new FolderReleaseStore(await mkdtemp(path.join(tmpdir(), 'slipway-followup-')));
      const id = await history.putRelease(
        sealRelease({ schemaVersion: 1, git: { sha: 'f'.repeat(40), ref: 'refs/heads/main' }, createdAt: '2026-11-28T00:00:00Z' }).release,
      );
      const warnings: string[] = [];
      const rt = { setSecret() {}, log: { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} } } as unknown as Runtime;
      const result = { rolledBack: id, restored: `sha256:${'1'.repeat(64)}`, noop: false, elapsedMs: 3 };
      const issueUrl = await openFollowUp(rt, {
        kind: 'issue',
        environment: 'production',
        result,
        reason: 'error budget <burned> @oncall',
        token: 'ghs_test',
        history,
      });
      expect(issueUrl).toBe('https://github.com/acme/support-bot/issues/1');
      const issue = gh.issues.get(1);
      expect(issue?.title).toBe(`Rolled back production: release ${id.slice(7, 19)}`);
      expect(issue?.body).toContain(`(commit ${'f'.repeat(12)})`);
      expect(issue?.body).toContain('Now serving: `111111111111`');
      expect(issue?.body).not.toContain('<burned>');
      // The release commit is main's tip, but GitHub does not have it (404): the revert PR cannot be built, and the issue says so.
      gh.git.refs.set('heads/main', 'f'.repeat(40));
      const fallback = await openFollowUp(rt, { kind: 'revert-pr', environment: 'production', result, reason: 'bad answers', token: 'ghs_test', history });
      expect(fallback).toBe('https://github.com/acme/support-bot/issues/2');
      expect(gh.issues.get(2)?.body).toMatch(/A revert pull request was not opened: GitHub refused it/);
      expect(await openFollowUp(rt, { kind: 'issue', environment: 'production', result, reason: 'x', token: undefined, history })).toBeUndefined();
      expect(warnings).toEqual(['rollback follow-up (issue) skipped: no github-token']);
    } finally {
      for (const [k, v] of [
        ['GITHUB_API_URL', saved.api],
        ['GITHUB_REPOSITORY', saved.repo],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  test('revert-pr: when the release is the tip of the default branch, a pull request reverts its commit', async () => {
    const tip = 'a'.repeat(40);
    const parent = 'b'.repeat(40);
    const parentTree = 'c'.repeat(40);
    gh.git.trees.set(parentTree, []);
    gh.git.commits.set(parent, { message: 'the commit before', tree: parentTree, parents: [] });
    gh.git.commits.set(tip, { message: 'the release', tree: 'e'.repeat(40), parents: [parent] });
    gh.git.refs.set('heads/main', tip);
    const saved = { api: process.env.GITHUB_API_URL, repo: process.env.GITHUB_REPOSITORY };
    process.env.GITHUB_API_URL = gh.url;
    process.env.GITHUB_REPOSITORY = 'acme/support-bot';
    try {
      const history = new FolderReleaseStore(await mkdtemp(path.join(tmpdir(), 'slipway-revert-')));
      const id = await history.putRelease(
        sealRelease({ schemaVersion: 1, git: { sha: tip, ref: 'refs/heads/main' }, createdAt: '2026-11-28T00:00:00Z' }).release,
      );
      const rt = { setSecret() {}, log: { debug() {}, info() {}, warn() {}, error() {} } } as unknown as Runtime;
      const result = { rolledBack: id, restored: undefined, noop: false, elapsedMs: 3 };
      const url = await openFollowUp(rt, { kind: 'revert-pr', environment: 'production', result, reason: 'worse answers', token: 'ghs_test', history });
      const [pr] = [...gh.pulls.values()];
      expect(url).toBe(`https://github.com/acme/support-bot/pull/${pr?.number}`);
      const branch = `heads/slipway/revert-${tip.slice(0, 12)}`;
      const revert = gh.git.commits.get(gh.git.refs.get(branch) ?? '');
      // The revert commit sits on the release commit and carries its parent's tree: the change undone.
      expect(revert).toEqual({ tree: parentTree, parents: [tip], message: `Revert ${tip.slice(0, 12)}: rolled back in production\n\nworse answers` });
      expect(pr).toMatchObject({
        head: `slipway/revert-${tip.slice(0, 12)}`,
        base: 'main',
        title: `Revert ${tip.slice(0, 12)}: rolled back in production`,
      });
      expect(gh.issues.size).toBe(0);
      // Once main has moved on, reverting needs a merge: an issue says so instead.
      gh.git.refs.set('heads/main', 'd'.repeat(40));
      const issue = await openFollowUp(rt, { kind: 'revert-pr', environment: 'production', result, reason: 'worse answers', token: 'ghs_test', history });
      expect(issue).toBe('https://github.com/acme/support-bot/issues/1');
      expect(gh.issues.get(1)?.body).toContain(`A revert pull request was not opened: commit ${tip.slice(0, 12)} is not the tip of main any more`);
    } finally {
      for (const [k, v] of [
        ['GITHUB_API_URL', saved.api],
        ['GITHUB_REPOSITORY', saved.repo],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
