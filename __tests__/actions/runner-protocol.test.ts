import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction } from '../helpers/run-action.js';

const ECHO = '__tests__/__fixtures__/actions/echo';

describe('runAction runs a bundled action exactly as the runner does', () => {
  test('inputs in, outputs, summary and annotations out', async () => {
    const run = await runAction(ECHO, { message: 'hello', count: '2' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ echoed: 'hello hello', 'event-name': 'opened' });
    expect(run.summary).toContain('### echo\n\nhello hello');
    expect(run.annotations).toContainEqual({ level: 'warning', message: 'fixture warning', properties: { file: 'slipway.yml', line: '3', col: '5' } });
  });

  test('defaults from action.yml are applied as the runner applies them', async () => {
    const run = await runAction(ECHO, { message: 'once' });
    expect(run.outputs.echoed).toBe('once');
  });

  test('a secret input is masked before anything prints it', async () => {
    const run = await runAction(ECHO, { message: 'x', token: 'ghp_supersecret123' });
    expect(run.exitCode).toBe(0);
    expect(run.masks).toContain('ghp_supersecret123');
    expect(run.leaks(['ghp_supersecret123'])).toEqual([]);
    expect(run.stdout).toContain('using token ghp_supersecret123'); // the runner masks it in the visible log
  });

  test.each([
    [{ fail: 'user' }, 2, { level: 'error', message: 'the fixture was told to fail', properties: { title: 'echo failed', file: 'slipway.yml', line: '7' } }],
    [{ fail: 'gate' }, 1, { level: 'error', message: 'echo failed: the fixture gate said no', properties: {} }],
    [{ count: '9' }, 2, { level: 'error', message: 'echo failed: input "count": 9 is out of range (use a value from 1 to 5)', properties: {} }],
    [
      { fail: 'sometimes' },
      2,
      {
        level: 'error',
        message: 'echo failed: input "fail": "sometimes" is not one of none, user, gate, bug (use one of: none | user | gate | bug)',
        properties: {},
      },
    ],
  ])('failure %j exits %i with a clear annotation', async (inputs, code, annotation) => {
    const run = await runAction(ECHO, { message: 'm', ...inputs });
    expect(run.exitCode).toBe(code);
    expect(run.annotations).toContainEqual(annotation);
  });

  test('a bug exits 70 with its stack, marked as a bug', async () => {
    const run = await runAction(ECHO, { message: 'm', fail: 'bug' });
    expect(run.exitCode).toBe(70);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toMatch(/This is a bug in Slipway[\s\S]*TypeError: fixture bug\n\s+at /);
  });

  test('a missing required input names it', async () => {
    const run = await runAction(ECHO, {});
    expect(run.exitCode).toBe(2);
    expect(run.annotations[0]?.message).toBe('echo failed: input "message": is required (set message)');
  });
});

describe('the root action', () => {
  test('an unknown command fails with the list of valid ones', async () => {
    const run = await runAction('.', { command: 'deploy-everything' });
    expect(run.exitCode).toBe(2);
    expect(run.annotations[0]?.message).toMatch(/input "command": "deploy-everything" is not one of validate-config/);
  });

  test('validate-config annotates a bad slipway.yml on its line', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'slipway-ws-'));
    await writeFile(path.join(workspace, 'slipway.yml'), 'version: 1\nbuild:\n  engine: docker\n');
    const run = await runAction('.', { command: 'validate-config' }, { workspace });
    expect(run.exitCode).toBe(2);
    expect(run.annotations).toContainEqual({
      level: 'error',
      message: 'build.engine: found "docker"; allowed: "auto", "assemble", "buildah", "buildx"',
      properties: { title: 'slipway failed', file: 'slipway.yml', line: '3', col: '11' },
    });
  });

  test('validate-config on a good file sets its outputs', async () => {
    const run = await runAction('.', { command: 'validate-config', config: 'slipway.yml' }, { workspace: path.resolve('examples/support-bot') });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['config-file']).toMatch(/support-bot\/slipway\.yml$/);
    expect(run.outputs.sections?.split(',')).toEqual(expect.arrayContaining(['artifacts', 'eval', 'train']));
  });
});
