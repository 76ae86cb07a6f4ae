import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LlmServer, startLlmServer } from '../helpers/llm-server.js';
import { REPO_ROOT, runAction } from '../helpers/run-action.js';
import { type GitHubFake, startGitHubFake } from '../packages/github/github-fake.js';

const TESTS = 24;
let llm: LlmServer;
let gh: GitHubFake;
let ws: string;
const honest = (c: { lastUserMessage: string }) => `Answer: ${c.lastUserMessage}`;

beforeAll(async () => {
  llm = await startLlmServer({ replies: honest });
  gh = await startGitHubFake({ readOnlyTokens: ['ghs_forktoken'] });
  ws = await mkdtemp(path.join(tmpdir(), 'slipway-eval-action-'));
  const lines = [
    'description: action test',
    'prompts: ["Customer asks about order {{order}}"]',
    'providers:',
    '  - id: openai:chat:gpt-4o-mini',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the suite's own ${VAR} syntax, not a JS template
    '    baseUrl: ${LLM_URL}',
    '    apiKeyEnv: OPENAI_API_KEY',
    'tests:',
  ];
  for (let i = 0; i < TESTS; i++) {
    lines.push(
      `  - id: order-${i}`,
      `    vars: { order: "#${1000 + i}" }`,
      i === 0 ? '    tags: [critical]' : '    tags: [regression]',
      '    assert:',
      `      - type: contains`,
      `        value: "#${1000 + i}"`,
    );
  }
  await writeFile(path.join(ws, 'suite.yaml'), `${lines.join('\n')}\n`);
  await writeFile(path.join(ws, 'slipway.yml'), 'version: 1\neval:\n  suites: [suite.yaml]\n  cache: "off"\n');
});
afterAll(async () => {
  await llm.stop();
  await gh.stop();
  await rm(ws, { recursive: true, force: true });
});

const env = () => ({ LLM_URL: llm.url, GITHUB_API_URL: gh.url, OPENAI_API_KEY: 'sk-slipway-test-key-0123456789' });
const lineOf = async (id: string) => (await readFile(path.join(ws, 'suite.yaml'), 'utf8')).split('\n').indexOf(`  - id: ${id}`) + 1;

describe('actions/eval through the runner protocol', () => {
  let baseline: string;

  test('a first run on the base branch writes the baseline results', async () => {
    const run = await runAction('eval', { 'out-dir': 'base', comment: 'false', check: 'false' }, { workspace: ws, env: env(), eventName: 'push', event: {} });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs['pass-rate']).toBe('1.0000');
    baseline = path.join(ws, 'base/suite.results.json');
    expect(JSON.parse(await readFile(baseline, 'utf8')).tests).toHaveLength(TESTS);
    expect(run.masks).toContain('sk-slipway-test-key-0123456789');
    expect(run.leaks(['sk-slipway-test-key-0123456789'])).toEqual([]);
  });

  test('an identical rerun against the baseline passes: comment, check and summary written', async () => {
    const run = await runAction('eval', { baseline: 'base', 'github-token': 'ghs_writer' }, { workspace: ws, env: env() });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.summary).toContain('## ✅ Eval passed: suite.yaml');
    const comments = [...gh.comments.values()];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith('<!-- slipway:eval -->')).toBe(true);
    expect(comments[0]?.body).toMatch(/\| pass rate \| 100\.0% \| 100\.0% \| ±0 \|/);
    const check = [...gh.checkRuns.values()].at(-1) as { conclusion: string; head_sha: string };
    expect(check).toMatchObject({ conclusion: 'success', head_sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' });
    expect(gh.violations).toEqual([]);
  });

  test('a seeded regression exits 1, updates the same comment and annotates the failing tests on their suite lines', async () => {
    // The head model drops order numbers for every third test (0, 3, 6, …), and escapes nothing itself.
    llm.setOptions({
      replies: (c) => (/#10(0[0369]|1[258]|2[1])\b/.test(c.lastUserMessage) ? 'Sorry @octocat, see <a href="https://x.y">this</a>' : honest(c)),
    });
    try {
      const run = await runAction('eval', { baseline: 'base', 'github-token': 'ghs_writer' }, { workspace: ws, env: env() });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.verdict).toBe('fail');
      expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
        /eval gate failed: suite\.yaml: pass rate fell from 1 to 0\.667 .*critical test "order-0" newly fails/,
      );
      const comments = [...gh.comments.values()];
      expect(comments).toHaveLength(1);
      const body = comments[0]?.body ?? '';
      expect(body).toContain('## ❌ Eval failed: suite.yaml');
      expect(body).toContain('### Top regressions (8 of 8)');
      expect(body).not.toMatch(/@octocat|<a href/);
      expect(body).toContain('@\u200boctocat');
      const check = [...gh.checkRuns.values()].at(-1) as { conclusion: string; annotations: { path: string; start_line: number; title: string }[] };
      expect(check.conclusion).toBe('failure');
      expect(check.annotations).toHaveLength(8);
      expect(check.annotations[0]).toMatchObject({
        path: 'suite.yaml',
        start_line: await lineOf('order-0'),
        title: 'newly failing: order-0 (openai:chat:gpt-4o-mini)',
      });
      expect(gh.violations).toEqual([]);
    } finally {
      llm.setOptions({ replies: honest });
    }
  });

  test('on a fork PR the comment and check are skipped and the summary says why', async () => {
    const event = JSON.parse(await readFile(path.join(REPO_ROOT, '__tests__/__fixtures__/events/pull_request.opened.json'), 'utf8'));
    event.pull_request.head.repo.full_name = 'someone/support-bot';
    const before = gh.calls.length;
    const run = await runAction('eval', { baseline: 'base', 'github-token': 'ghs_forktoken' }, { workspace: ws, env: env(), event });
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('PR comment skipped: this pull request comes from a fork, whose token is read-only.');
    expect(gh.calls.length).toBe(before);
  });

  test('merge combines shards into the unsharded result', async () => {
    for (const shard of ['1/2', '2/2']) {
      const run = await runAction(
        'eval',
        { shard, 'out-dir': `shard-${shard[0]}`, comment: 'false', check: 'false' },
        { workspace: ws, env: env(), eventName: 'push', event: {} },
      );
      expect(run.exitCode).toBe(0);
    }
    const run = await runAction(
      'eval',
      {
        command: 'merge',
        inputs: 'shard-1/suite.results.json,shard-2/suite.results.json',
        baseline: 'base',
        'out-dir': 'merged',
        comment: 'false',
        check: 'false',
      },
      { workspace: ws, env: env(), eventName: 'push', event: {} },
    );
    expect(run.exitCode).toBe(0);
    const merged = JSON.parse(await readFile(path.join(ws, 'merged/suite.results.json'), 'utf8')) as { tests: { id: string; status: string }[] };
    const base = JSON.parse(await readFile(path.join(ws, 'base/suite.results.json'), 'utf8')) as { tests: { id: string; status: string }[] };
    expect(merged.tests.map((t) => [t.id, t.status])).toEqual(base.tests.map((t) => [t.id, t.status]));
  });

  test('a bad suite exits 2 with an annotation on its line', async () => {
    await writeFile(path.join(ws, 'bad.yaml'), 'prompts: ["x"]\nproviders: ["openai:chat:m"]\ntests:\n  - vars: {}\n    assert: [{ type: containz }]\n');
    const run = await runAction('eval', { suites: 'bad.yaml', comment: 'false', check: 'false' }, { workspace: ws, env: env() });
    expect(run.exitCode).toBe(2);
    expect(run.annotations[0]).toMatchObject({ level: 'error', properties: { file: 'bad.yaml', line: '5' } });
    expect(run.annotations[0]?.message).toMatch(/unknown assertion type/);
  });

  test('the root action runs the same step with command: eval', async () => {
    const run = await runAction('.', { command: 'eval', baseline: 'base', comment: 'false', check: 'false', 'out-dir': 'root' }, { workspace: ws, env: env() });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'pass-rate': '1.0000' });
    expect(run.summary).toContain('## ✅ Eval passed: suite.yaml');
  });
});
