import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCheckRun, type GitHubContext, plainText, readGitHubContext, upsertStickyComment } from '@slipway/github';
import { type GitHubFake, startGitHubFake } from './github-fake.js';

const MARKER = '<!-- slipway:eval -->';
let gh: GitHubFake;
afterEach(() => gh?.stop());

function ctx(over: Partial<GitHubContext> = {}): GitHubContext {
  return {
    token: 'ghs_writer',
    apiUrl: gh.url,
    owner: 'acme',
    repo: 'support-bot',
    eventName: 'pull_request',
    sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    ref: 'refs/pull/42/merge',
    runUrl: 'https://github.com/acme/support-bot/actions/runs/1',
    pullRequest: { number: 42, headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', fromFork: false, title: 't' },
    ...over,
  };
}

describe('sticky PR comment', () => {
  test('created once, then found by its marker and updated in place, past the first page of comments', async () => {
    gh = await startGitHubFake({ comments: Array.from({ length: 130 }, (_, i) => ({ issue: 42, body: `chatter ${i}` })) });
    const first = await upsertStickyComment(ctx(), MARKER, `${MARKER}\nfirst`);
    expect(first).toMatchObject({ done: true, action: 'created' });
    const second = await upsertStickyComment(ctx(), MARKER, `${MARKER}\nsecond`);
    expect(second).toMatchObject({ done: true, action: 'updated', id: first.done ? first.id : -1 });
    const mine = [...gh.comments.values()].filter((c) => c.body.includes(MARKER));
    expect(mine.map((c) => c.body)).toEqual([`${MARKER}\nsecond`]);
    expect(gh.calls.filter((c) => c.operationId === 'issues/list-comments').map((c) => c.query.page)).toEqual(['1', '2', '1', '2']);
    expect(gh.calls.every((c) => c.authorization === 'token ghs_writer')).toBe(true);
    expect(gh.violations).toEqual([]);
  });

  test('a fork PR, a read-only token and a push event each skip the comment and say why', async () => {
    gh = await startGitHubFake({ readOnlyTokens: ['ghs_reader'] });
    const fork = await upsertStickyComment(ctx({ pullRequest: { number: 42, headSha: 'a', fromFork: true, title: '' } }), MARKER, 'x');
    expect(fork).toEqual({ done: false, reason: 'this pull request comes from a fork, whose token is read-only' });
    const ro = await upsertStickyComment(ctx({ token: 'ghs_reader' }), MARKER, 'x');
    expect(ro.done).toBe(false);
    expect(!ro.done && ro.reason).toMatch(/token cannot write here \(HTTP 403: Resource not accessible by integration/);
    const push = await upsertStickyComment(ctx({ eventName: 'push', pullRequest: undefined as never }), MARKER, 'x');
    expect(push).toEqual({ done: false, reason: 'no pull request on a push event' });
    expect(gh.violations).toEqual([]);
  });
});

describe('check run', () => {
  test('annotations go out 50 per request, on the head commit, as plain text', async () => {
    gh = await startGitHubFake();
    const annotations = Array.from({ length: 120 }, (_, i) => ({
      path: 'evals/support.yaml',
      line: i + 1,
      level: 'failure' as const,
      title: `t${i}`,
      message: `model said: @octocat see https://evil.example/x <b>`,
    }));
    const r = await createCheckRun(ctx(), { name: 'slipway eval', conclusion: 'failure', title: 'Failed', summary: '## x', annotations });
    expect(r.done).toBe(true);
    expect(gh.calls.map((c) => c.operationId)).toEqual(['checks/create', 'checks/update', 'checks/update']);
    const run = [...gh.checkRuns.values()][0] as { head_sha: string; annotations: { start_line: number; message: string }[] };
    expect(run.head_sha).toBe('6dcb09b5b57875f334f61aebed695e2e4193db5e');
    expect(run.annotations.map((a) => a.start_line)).toEqual(annotations.map((a) => a.line));
    expect(run.annotations[0]?.message).toBe('model said: @\u200boctocat see https:/\u200b/evil.example/x <b>');
    expect(gh.violations).toEqual([]);
  });
});

test('plainText drops control characters and cuts long text', () => {
  expect(plainText('a\u0000b\u0007c')).toBe('abc');
  expect(plainText('x'.repeat(10), 5)).toBe('xxxx…');
});

test('the context reads the event payload: fork detection and the head commit', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-gh-'));
  try {
    const event = path.join(dir, 'event.json');
    await writeFile(
      event,
      JSON.stringify({
        pull_request: {
          number: 7,
          title: 'x',
          head: { sha: 'abc', repo: { full_name: 'fork/support-bot' } },
          base: { repo: { full_name: 'acme/support-bot' } },
        },
      }),
    );
    const c = await readGitHubContext(
      { GITHUB_REPOSITORY: 'acme/support-bot', GITHUB_EVENT_PATH: event, GITHUB_SHA: 'merge', GITHUB_EVENT_NAME: 'pull_request' },
      't',
    );
    expect(c).toMatchObject({ owner: 'acme', repo: 'support-bot', sha: 'abc', pullRequest: { number: 7, fromFork: true } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the fake refuses what the OpenAPI description does not allow', async () => {
  gh = await startGitHubFake();
  const bad = await fetch(`${gh.url}/repos/acme/support-bot/check-runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'x', head_sha: 'a', conclusion: 'great' }),
  });
  expect(bad.status).toBe(422);
  const unknown = await fetch(`${gh.url}/repos/acme/support-bot/comments-everywhere`);
  expect(unknown.status).toBe(422);
  expect(gh.violations).toHaveLength(2);
  expect(gh.violations[0]).toMatch(/body does not match the schema/);
});
