import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addArtifacts } from '@slipway/store';
import { runAction } from '../helpers/run-action.js';
import { type S3Service, startS3 } from '../helpers/services/index.js';
import { quietRuntime, readTree, writeTree } from '../packages/store/helpers.js';

const FILES = { 'models/v1/weights.bin': Buffer.alloc(100_000, 9), 'models/v1/config.json': '{"v": 1}', 'data/train.jsonl': '{"q":"a"}\n' };

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'slipway-artifact-action-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A laptop checkout with pointers written, and a clean CI checkout with only the pointers. */
async function checkouts() {
  const laptop = path.join(root, 'laptop');
  const ci = path.join(root, 'ci');
  await writeTree(laptop, FILES);
  await addArtifacts(quietRuntime(laptop), { paths: ['models/v1', 'data/train.jsonl'] });
  for (const f of ['models/v1.dvc', 'data/train.jsonl.dvc']) {
    await mkdir(path.dirname(path.join(ci, f)), { recursive: true });
    await copyFile(path.join(laptop, f), path.join(ci, f));
  }
  return { laptop, ci };
}

describe('actions/artifact-sync through the runner protocol', () => {
  test('push, then status and pull in a clean checkout, with outputs and a summary table', async () => {
    const { laptop, ci } = await checkouts();
    const remote = `file://${path.join(root, 'remote')}`;
    const push = await runAction('artifact-sync', { command: 'push', remote }, { workspace: laptop });
    expect(push.exitCode).toBe(0);
    expect(push.outputs['uploaded-objects']).toBe('4');
    // Three files (100,018 bytes) and the folder's .dir listing (about 150 bytes of JSON).
    expect(Number(push.outputs['uploaded-bytes'])).toBeGreaterThan(100_018 + 100);
    expect(Number(push.outputs['uploaded-bytes'])).toBeLessThan(100_018 + 200);
    expect(push.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(push.summary).toContain('### artifacts push');
    expect(push.summary).toMatch(/\| models\/v1 \| folder \| 2 \|/);

    const status = await runAction('artifact-sync', { command: 'status', remote }, { workspace: ci });
    expect(status.exitCode).toBe(0);
    expect(status.outputs['up-to-date']).toBe('false');
    expect(status.summary).toMatch(/\| data\/train\.jsonl \| file \| 1 \| 10 B \| missing \|/);

    const pull = await runAction('artifact-sync', { command: 'pull', remote, paths: 'models/v1\ndata/train.jsonl' }, { workspace: ci });
    expect(pull.exitCode).toBe(0);
    expect(pull.outputs['downloaded-objects']).toBe('3');
    expect(pull.outputs.digest).toBe(push.outputs.digest);
    const strip = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('.slipway') && !k.endsWith('.gitignore')));
    expect(strip(await readTree(ci))).toEqual(strip(await readTree(laptop)));

    const again = await runAction('artifact-sync', { command: 'status', remote }, { workspace: ci });
    expect(again.outputs['up-to-date']).toBe('true');
  });

  test('cache: true without the Actions cache service degrades to a warning', async () => {
    const { laptop } = await checkouts();
    const run = await runAction('artifact-sync', { command: 'push', remote: `file://${path.join(root, 'remote')}`, cache: 'true' }, { workspace: laptop });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['cache-hit']).toBe('false');
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/Actions cache service is not available/) }),
    );
    expect(run.outputs['uploaded-objects']).toBe('4');
  });

  test.each([
    [{ command: 'sync' }, /input "command": "sync" is not one of push, pull, status/],
    [{ command: 'push', jobs: '0' }, /input "jobs": 0 is out of range/],
    [{ command: 'push', remote: 'ftp://host/x' }, /input "remote": "ftp:\/\/host\/x" does not match .* \(use file:\/\/path or s3:\/\/bucket\/prefix\)/],
    [{ command: 'push' }, /artifact-sync failed: no remote is configured for artifacts \(pass --remote/],
    [{ command: 'pull', paths: '../../etc/passwd', remote: 'file://r' }, /escapes the repository/],
  ])('bad input %j: exit 2, one line', async (inputs, message) => {
    const { laptop } = await checkouts();
    const run = await runAction('artifact-sync', inputs, { workspace: laptop });
    expect(run.exitCode).toBe(2);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.message).not.toContain('\n');
  });
});

describe('actions/artifact-sync against s3rver', () => {
  let s3: S3Service;
  beforeAll(async () => {
    s3 = await startS3({ buckets: ['ci-artifacts'] });
  });
  afterAll(async () => {
    await s3?.stop();
  });

  test('push and pull through S3; the secret key is masked before anything prints', async () => {
    const { laptop, ci } = await checkouts();
    const env = {
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_SESSION_TOKEN: 'session-token-abc123',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const inputs = { remote: 's3://ci-artifacts/support-bot', endpoint: s3.url, region: 'us-east-1' };
    const push = await runAction('artifact-sync', { ...inputs, command: 'push' }, { workspace: laptop, env });
    expect(push.exitCode).toBe(0);
    expect(push.outputs['uploaded-objects']).toBe('4');
    expect(push.masks).toEqual(expect.arrayContaining(['S3RVER', 'session-token-abc123']));
    expect(push.leaks(['session-token-abc123'])).toEqual([]);
    const pull = await runAction('artifact-sync', { ...inputs, command: 'pull' }, { workspace: ci, env });
    expect(pull.exitCode).toBe(0);
    expect(pull.outputs['downloaded-objects']).toBe('3');
    expect(await readFile(path.join(ci, 'data/train.jsonl'), 'utf8')).toBe(FILES['data/train.jsonl']);
  });
});
