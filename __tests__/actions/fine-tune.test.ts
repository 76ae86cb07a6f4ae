import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runAction } from '../helpers/run-action.js';
import { type GitHubFake, startGitHubFake } from '../packages/github/github-fake.js';

const GH_TOKEN = 'ghs_fineTuneActionTestToken0123456789ab';

const SLIPWAY_YML = `version: 1
artifacts:
  remote: file://./store
eval:
  suites: [evals/support.yaml]
train:
  data: [data/train.jsonl]
  evalData: [data/eval.jsonl]
  output: model
  name: support-bot
  command: node scripts/train.mjs --data {train} --out {output} --dims {dims}
  params: { dims: 4096 }
  evaluate:
    serve: node scripts/serve.mjs --model {output} --port 0
    urlEnv: SUPPORT_BOT_URL
    metric: pass-rate
  sweep:
    parameters:
      dims: [256, 1024, 2048, 4096]
`;

/** A copy of the example app as the workspace: the action trains its real model. */
async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-fine-tune-action-'));
  for (const p of ['data', 'evals', 'scripts', 'src', 'package.json'])
    await cp(path.join(REPO_ROOT, 'examples/support-bot', p), path.join(dir, p), { recursive: true });
  await writeFile(path.join(dir, 'slipway.yml'), SLIPWAY_YML);
  return dir;
}

describe('fine-tune through the runner protocol', () => {
  let gh: GitHubFake;
  beforeEach(async () => {
    gh = await startGitHubFake();
  });
  afterEach(async () => {
    await gh.stop();
  });

  test('train: checks the data, trains support-bot for real, evaluates it, pushes the weights, registers them and opens a pull request', async () => {
    const ws = await workspace();
    const run = await runAction(
      'fine-tune',
      { mode: 'train', params: '{"dims": 1024}', 'github-token': GH_TOKEN },
      { workspace: ws, eventName: 'workflow_dispatch', event: {}, env: { GITHUB_API_URL: gh.url, GITHUB_REF: 'refs/heads/main' }, timeoutMs: 120_000 },
    );
    expect(run.stderr).not.toContain('This is a bug');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['data-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.outputs.examples).toBe('396');
    expect(Number(run.outputs['metric-value'])).toBeGreaterThan(0.8);
    expect(run.outputs['registry-version']).toBe('1');
    expect(run.outputs.release).toMatch(/^sha256:/);
    expect(run.outputs.pointer).toBe('model.dvc');
    expect(run.outputs['pull-request']).toBe('https://github.com/acme/support-bot/pull/101');
    expect(run.leaks([GH_TOKEN])).toEqual([]);
    // The summary: data report, registration.
    expect(run.summary).toContain('Training data check');
    expect(run.summary).toContain('Registered `support-bot` v1 (staging)');
    // The pull request commits the pointer, as the workspace has it, on its own branch.
    expect(gh.violations).toEqual([]);
    const pointer = await readFile(path.join(ws, 'model.dvc'), 'utf8');
    const pr = gh.pulls.get(101);
    expect(pr).toMatchObject({ head: 'slipway/fine-tune/support-bot-v1', base: 'main', state: 'open' });
    const commit = gh.git.commits.get(gh.git.refs.get('heads/slipway/fine-tune/support-bot-v1') ?? '');
    const tree = gh.git.trees.get(commit?.tree ?? '') ?? [];
    expect(tree.map((e) => e.path).sort()).toEqual(['.gitignore', 'model.dvc']);
    expect(gh.git.blobs.get(tree.find((e) => e.path === 'model.dvc')?.sha ?? '')).toBe(pointer);
    // The weights are in the store, the release is a draft (in no history), the registry entry says what it is.
    const md5 = /md5: ([0-9a-f]{32})\.dir/.exec(pointer)?.[1] ?? '';
    expect(await readdir(path.join(ws, 'store/files/md5', md5.slice(0, 2)))).toContain(`${md5.slice(2)}.dir`);
    // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
    const entry = JSON.parse(await readFile(path.join(ws, 'store/registry/support-bot/1.json'), 'utf8')) as Record<string, any>;
    expect(entry).toMatchObject({
      name: 'support-bot',
      version: '1',
      stage: 'staging',
      release: run.outputs.release,
      dataDigest: run.outputs['data-digest'],
      params: { dims: 1024 },
    });
    expect(entry.code).toEqual({ sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', ref: 'refs/heads/main', repository: 'acme/support-bot' });
    expect(entry.metrics['pass-rate']).toBeCloseTo(Number(run.outputs['metric-value']), 10);
    // biome-ignore lint/suspicious/noExplicitAny: JSON read back only to assert on it
    const release = JSON.parse(await readFile(path.join(ws, 'store/releases', `${String(run.outputs.release).slice(7)}.json`), 'utf8')) as Record<string, any>;
    expect(release.models).toEqual([{ path: 'model', md5: `${md5}.dir`, size: expect.any(Number), nfiles: 4 }]);
    await expect(readdir(path.join(ws, 'store/environments'))).rejects.toThrow();
  }, 150_000);

  test('sweep: the matrix output a workflow feeds to strategy.matrix', async () => {
    const run = await runAction('fine-tune', { mode: 'sweep' }, { workspace: await workspace(), eventName: 'workflow_dispatch', event: {} });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.matrix ?? '')).toEqual({
      include: [256, 1024, 2048, 4096].map((dims, i) => ({ leg: `leg-${i + 1}`, params: JSON.stringify({ dims }), dims })),
    });
    expect(run.outputs.legs).toBe('4');
  });

  test('the root action runs it as command: fine-tune, with the training command as train-command', async () => {
    const ws = await workspace();
    const run = await runAction(
      '.',
      { command: 'fine-tune', mode: 'train', leg: 'leg-1', 'train-command': 'node scripts/train.mjs --data {train} --out {output} --dims 2' },
      { workspace: ws, eventName: 'workflow_dispatch', event: {} },
    );
    // The training command came through train-command (and failed on its own terms), not through `command`.
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('--dims must be an integer >= 16');
  });

  test('bad data fails the step with exit 2 and an error annotation on each bad line', async () => {
    const ws = await workspace();
    await writeFile(
      path.join(ws, 'data/new.jsonl'),
      '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n{"messages":[{"role":"assistant","content":"x"}]}\n{"messages": [\n',
    );
    const run = await runAction('fine-tune', { mode: 'check', data: 'data/new.jsonl' }, { workspace: ws, eventName: 'workflow_dispatch', event: {} });
    expect(run.exitCode).toBe(2);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.map((a) => [a.properties.file, a.properties.line])).toEqual([
      ['data/new.jsonl', '2'],
      ['data/new.jsonl', '3'],
    ]);
    expect(errors[0]?.message).toContain('the conversation must start with a user message');
    expect(run.summary).toContain('❌ Training data check');
  });

  test('a failing training command fails the step (exit 1) with its own reason, and still leaves its trial', async () => {
    const ws = await workspace();
    const run = await runAction(
      'fine-tune',
      { mode: 'train', leg: 'leg-9', command: 'node scripts/train.mjs --data {train} --out {output} --dims 3' },
      { workspace: ws, eventName: 'workflow_dispatch', event: {} },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('command training job failed: the command exited with 1: train: --dims must be an integer >= 16');
    const trial = JSON.parse(await readFile(path.join(ws, '.slipway/fine-tune/leg-9.trial.json'), 'utf8')) as { status: string; error: string };
    expect(trial.status).toBe('failed');
    expect(trial.error).toContain('--dims must be an integer >= 16');
  });

  test('a cancelled workflow (SIGTERM to the step) stops the training command and fails with the reason', async () => {
    const ws = await workspace();
    // A "training" that writes its pid and then works forever.
    await writeFile(
      path.join(ws, 'forever.mjs'),
      "import { writeFileSync } from 'node:fs';\nwriteFileSync('trainer.pid', String(process.pid));\nsetInterval(() => {}, 1000);\n",
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-fine-tune-cancel-'));
    const files = { GITHUB_OUTPUT: path.join(dir, 'out'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary'), GITHUB_EVENT_PATH: path.join(dir, 'event.json') };
    for (const f of Object.values(files)) await writeFile(f, f.endsWith('.json') ? '{}' : '');
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'actions/fine-tune/dist/index.js')], {
      cwd: ws,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...files,
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: ws,
        GITHUB_REPOSITORY: 'acme/support-bot',
        INPUT_MODE: 'train',
        INPUT_COMMAND: 'node forever.mjs',
        INPUT_REGISTER: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    let pid = 0;
    for (let i = 0; i < 300 && !pid; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pid = Number(await readFile(path.join(ws, 'trainer.pid'), 'utf8').catch(() => '0'));
    }
    expect(pid).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(out).toContain('command training job cancelled: the workflow was cancelled (SIGTERM)');
    // Gone (or a zombie waiting for its reaper): it no longer runs.
    const running = async () => {
      for (let i = 0; i < 40; i++) {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
        if (stat === '' || / Z /.test(stat)) return false;
        await new Promise((r) => setTimeout(r, 50));
      }
      return true;
    };
    expect(await running()).toBe(false);
  }, 60_000);
});
