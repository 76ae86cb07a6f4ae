import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.resolve('packages/cli/bin/slipway.js');

function check(cwd: string, args: string[] = []) {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('slipway check (the pre-commit hook)', () => {
  test('the example app passes: its slipway.yml and eval suite are valid and nothing big is in git', () => {
    const r = check(path.resolve('examples/support-bot'));
    expect(r.out).toMatch(/and 1 eval suite\(s\): all good/);
    expect(r.code).toBe(0);
  });

  test('a large file outside a pointer fails the check (exit 1) and says how to fix it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-check-'));
    await writeFile(path.join(dir, 'slipway.yml'), 'version: 1\n');
    await writeFile(path.join(dir, 'weights.bin'), Buffer.alloc(2 * 2 ** 20));
    await writeFile(path.join(dir, 'notes.txt'), 'small');
    const r = check(dir, ['--max-size', '1MiB', 'weights.bin', 'notes.txt']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('weights.bin: error: too large for git: weights.bin is 2.0 MiB: version it with `slipway artifacts add weights.bin`');
    expect(r.out).not.toContain('notes.txt:');
  });

  test('a broken eval suite named by slipway.yml is bad input (exit 2) on its line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-check-'));
    await writeFile(path.join(dir, 'slipway.yml'), 'version: 1\neval:\n  suites: [suite.yaml]\n');
    await writeFile(path.join(dir, 'suite.yaml'), 'description: x\nprompts: [hello]\nprovidres: []\ntests: []\n');
    const r = check(dir, ['suite.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/suite\.yaml:3:\d+: error: check failed: .*providres/);
  });
});
