import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../packages/cli/src/main.js';
import { tempRepo, writeTree } from './helpers.js';

async function slipway(args: string[]): Promise<{ code: number; json: { ok: boolean; result?: Record<string, unknown>; annotations?: unknown[] } }> {
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  });
  const code = await main(['--json', '-q', ...args], { stdout });
  return { code, json: JSON.parse(out.trim().split('\n').at(-1) ?? '{}') };
}

test('slipway artifacts add, push, status and gc from the command line, with --json results', async () => {
  const repo = await tempRepo();
  try {
    await writeTree(repo.dir, {
      'models/adapter/a.bin': 'adapter',
      'slipway.yml': 'version: 1\nartifacts:\n  remote: file://store\n  paths: [models/adapter]\n',
    });
    const add = await slipway(['-C', repo.dir, 'artifacts', 'add', 'models/adapter']);
    expect(add.code).toBe(0);
    expect(await readFile(path.join(repo.dir, 'models/adapter.dvc'), 'utf8')).toMatch(/^outs:\n- md5: [0-9a-f]{32}\.dir\n/);
    const push = await slipway(['-C', repo.dir, 'artifacts', 'push']);
    expect(push.code).toBe(0);
    expect(push.json.result?.uploaded).toEqual({ objects: 2, bytes: expect.any(Number) });
    const status = await slipway(['-C', repo.dir, 'artifacts', 'status']);
    expect(status.json.result?.upToDate).toBe(true);
    const offline = await slipway(['-C', repo.dir, 'artifacts', 'status', '--offline']);
    expect(offline.json.result?.remote).toBe('');
    const bad = await slipway(['-C', repo.dir, 'artifacts', 'push', '-j', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.json.ok).toBe(false);
    const gc = await slipway(['-C', repo.dir, 'artifacts', 'gc']);
    expect(gc.code).toBe(0);
    expect(gc.json.result).toMatchObject({ dryRun: true, cache: { unreferenced: [] } });
  } finally {
    await repo.cleanup();
  }
});
