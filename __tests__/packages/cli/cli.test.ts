import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The real binary, as a user runs it: `npm run build` (via tsc -b) has compiled lib/.
const BIN = path.resolve('packages/cli/bin/slipway.js');

function slipway(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('slipway CLI', () => {
  test('--version prints the package version', () => {
    const r = slipway(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('--help lists the commands', () => {
    const r = slipway(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/config/);
    expect(r.stdout).toMatch(/demo/);
  });

  test('an unknown command is bad input: exit 2', () => {
    const r = slipway(['deploy-everything']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'deploy-everything'/);
  });

  test('config validate: a bad slipway.yml gives file:line:col errors and exit 2', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-cli-'));
    await writeFile(path.join(dir, 'slipway.yml'), 'version: 1\nartifacts:\n  remote: file://x\n  pahts: [a]\neval:\n  concurrency: many\n');
    const r = slipway(['config', 'validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('slipway.yml:4:3: error: config validate failed: unknown key "pahts" in artifacts (did you mean "paths"?)');
    expect(r.stderr).toContain('slipway.yml:6:16: error: config validate failed: eval.concurrency: expected a number, found "many"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('config validate: bad YAML is exit 2 with its position', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-cli-'));
    await writeFile(path.join(dir, 'slipway.yml'), 'version: 1\neval: {suites: [a.yaml}\n');
    const r = slipway(['config', 'validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/slipway\.yml:2:\d+: error: config validate failed: invalid YAML/);
  });

  test('--json prints exactly one JSON document on stdout', async () => {
    const good = await mkdtemp(path.join(tmpdir(), 'slipway-cli-'));
    await writeFile(path.join(good, 'slipway.yml'), 'version: 1\nartifacts: {}\neval: {}\ntrain: {}\n');
    // --cwd is a global flag; commander accepts it after the subcommand too.
    const ok = slipway(['--json', 'config', 'validate', '--cwd', good]);
    expect(ok.code).toBe(0);
    const parsed = JSON.parse(ok.stdout) as { ok: boolean; result: { sections: string[] } };
    expect(parsed.ok).toBe(true);
    expect(parsed.result.sections).toEqual(expect.arrayContaining(['artifacts', 'eval', 'train']));

    const dir = await mkdtemp(path.join(tmpdir(), 'slipway-cli-'));
    await writeFile(path.join(dir, 'slipway.yml'), 'version: 3\n');
    const bad = slipway(['--json', 'config', 'validate'], dir);
    expect(bad.code).toBe(2);
    const failure = JSON.parse(bad.stdout) as { ok: boolean; exitCode: number; annotations: { line: number; message: string }[] };
    expect(failure).toMatchObject({ ok: false, exitCode: 2 });
    expect(failure.annotations[0]).toMatchObject({ file: 'slipway.yml', line: 1, column: 10 });
  });

  test('config schema prints the JSON Schema', () => {
    const r = slipway(['config', 'schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'object', required: ['version'] });
  });
});
