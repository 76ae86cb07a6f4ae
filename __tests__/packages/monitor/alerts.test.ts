import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readGitHubContext } from '@slipway/github';
import { checkDrift, exchangeSets, incidentMarker, openAiEmbedder, upsertIncident } from '@slipway/monitor';
import { mulberry32 } from '@slipway/stats';
import { sampleExchanges } from '../../../bench/monitor/samples.js';
import { type LlmServer, startLlmServer } from '../../helpers/llm-server.js';
import { type GitHubFake, startGitHubFake } from '../github/github-fake.js';

describe('incident issues', () => {
  let github: GitHubFake;
  beforeAll(async () => {
    github = await startGitHubFake();
  });
  afterAll(async () => {
    await github.stop();
  });

  test('one issue per incident: created, updated, closed on recovery; the next incident gets a new one', async () => {
    const ctx = await readGitHubContext({ GITHUB_REPOSITORY: 'acme/bot', GITHUB_API_URL: github.url }, 'ghs_x');
    const base = { environment: 'production', labels: ['slipway-incident'], title: 'Monitor: production breach' };
    expect(await upsertIncident(ctx, { ...base, verdict: 'ok', body: 'all good' })).toEqual({ done: false, reason: 'no open incident' });
    expect(await upsertIncident(ctx, { ...base, verdict: 'breach', body: 'first' })).toMatchObject({ action: 'created', issue: 1 });
    expect(await upsertIncident(ctx, { ...base, verdict: 'warn', body: 'second' })).toMatchObject({ action: 'updated', issue: 1 });
    // Another environment's incident is its own issue.
    expect(await upsertIncident(ctx, { ...base, environment: 'staging', verdict: 'breach', body: 'staging' })).toMatchObject({ action: 'created', issue: 2 });
    expect(github.issues.get(1)?.body).toBe(`${incidentMarker('production')}\nsecond`);
    expect(await upsertIncident(ctx, { ...base, verdict: 'ok', body: 'recovered' })).toMatchObject({ action: 'closed', issue: 1 });
    expect(github.issues.get(1)?.state).toBe('closed');
    expect(await upsertIncident(ctx, { ...base, verdict: 'breach', body: 'again' })).toMatchObject({ action: 'created', issue: 3 });
    expect(github.violations).toEqual([]);
  });

  test('a token that cannot write is reported, not thrown', async () => {
    const fake = await startGitHubFake({ readOnlyTokens: ['ro'] });
    try {
      const ctx = await readGitHubContext({ GITHUB_REPOSITORY: 'acme/bot', GITHUB_API_URL: fake.url }, 'ro');
      const r = await upsertIncident(ctx, { environment: 'production', labels: ['x'], title: 't', verdict: 'breach', body: 'b' });
      expect(r).toMatchObject({ done: false, reason: expect.stringMatching(/HTTP 403/) });
    } finally {
      await fake.stop();
    }
  });
});

describe('drift inputs', () => {
  test('first-day: the reference is the first 24 h of the log, the current window its last part', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-first-day-'));
    const now = Date.parse('2026-03-10T12:00:00Z');
    const r = mulberry32(2);
    const day1 = sampleExchanges(r, 60, 'none', Date.parse('2026-03-01T10:00:00Z'));
    const later = sampleExchanges(r, 30, 'none', Date.parse('2026-03-05T10:00:00Z'));
    const current = sampleExchanges(r, 40, 'language', now - 60_000);
    const failed = { ...sampleExchanges(r, 1, 'none', now - 1000)[0], ok: false };
    await writeFile(path.join(dir, 'log.jsonl'), `${[...day1, ...later, ...current, failed].map((e) => JSON.stringify(e)).join('\n')}\n`);
    const sets = await exchangeSets({ requestLog: 'log.jsonl', reference: 'first-day', windowMs: 3_600_000, cwd: dir, now });
    expect(sets.reference).toHaveLength(60);
    expect(sets.current).toHaveLength(40);
    expect(sets.describe.reference).toBe('first day of the log from 2026-03-01T10:00:00.000Z');
  });

  test('embedding drift (MMD) runs through an OpenAI-compatible /embeddings endpoint', async () => {
    const llm: LlmServer = await startLlmServer();
    try {
      const r = mulberry32(4);
      const report = await checkDrift(sampleExchanges(r, 80), sampleExchanges(r, 80), { seed: 1, embed: openAiEmbedder(llm.url, 'embed-small', 'k') });
      const mmd = report.tests.filter((t) => t.test === 'mmd');
      expect(mmd.map((t) => t.name)).toEqual(['prompt embeddings (MMD)', 'output embeddings (MMD)']);
      expect(mmd.every((t) => t.status === 'ok' && (t.pValue ?? 0) > 0)).toBe(true);
      // 80 texts a side in batches of 64: two calls per side, for prompts and for answers.
      expect(llm.requests.filter((q) => q.path === '/v1/embeddings').length).toBe(8);
    } finally {
      await llm.stop();
    }
  });
});
