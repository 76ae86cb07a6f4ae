import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTerminalRuntime } from '@slipway/kit';
import { assemble, buildImage, type ImageSpec } from '@slipway/oci';

const spec = (dir: string): ImageSpec => ({
  base: 'scratch',
  app: [],
  weights: [{ source: path.join(dir, 'model'), dest: '/models' }],
  created: '2026-01-01T00:00:00Z',
});

describe('weight-layer digest cache', () => {
  test('keyed by MD5 and size: a DVC pointer lets a fresh copy of the weight skip the read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-cache-'));
    await mkdir(path.join(dir, 'model'));
    const weight = path.join(dir, 'model/w.bin');
    const data = Buffer.alloc(200_000, 3);
    await writeFile(weight, data);
    const md5 = createHash('md5').update(data).digest('hex');
    const cacheFile = path.join(dir, 'cache.json');
    const first = await assemble(spec(dir), { baseDir: dir, cacheFile, layout: { dir: path.join(dir, 'layout'), tags: ['a'] } });
    expect(first.bytes.read).toBeGreaterThan(data.length);

    // Same file, same stat: the cache's own record gives the MD5.
    const second = await assemble(spec(dir), { baseDir: dir, cacheFile, layout: { dir: path.join(dir, 'layout'), tags: ['a'] } });
    expect(second.bytes.read).toBe(0);
    expect(second.digest).toBe(first.digest);

    // A fresh checkout (new inode and mtime) without a pointer: the file must be read again.
    await rm(weight);
    await writeFile(weight, data);
    await utimes(weight, new Date(2020, 1, 1), new Date(2020, 1, 1));
    const third = await assemble(spec(dir), { baseDir: dir, cacheFile, layout: { dir: path.join(dir, 'layout'), tags: ['a'] } });
    expect(third.bytes.read).toBeGreaterThan(0);
    // With artifact-sync's pointer beside it, the key is the pointer's MD5 and size…
    await writeFile(`${weight}.dvc`, `outs:\n- md5: ${md5}\n  size: ${data.length}\n  hash: md5\n  path: w.bin\n`);
    await assemble(spec(dir), { baseDir: dir, cacheFile, layout: { dir: path.join(dir, 'layout'), tags: ['a'] } });
    // …so the next fresh checkout reads nothing (the pointer itself stays out of the image).
    await rm(weight);
    await writeFile(weight, data);
    await utimes(weight, new Date(2021, 1, 1), new Date(2021, 1, 1));
    const fourth = await assemble(spec(dir), { baseDir: dir, cacheFile, layout: { dir: path.join(dir, 'layout'), tags: ['a'] } });
    expect(fourth.bytes.read).toBe(0);
    expect(fourth.digest).toBe(first.digest);
    expect(fourth.manifest.layers).toHaveLength(1);
    // A pointer whose size disagrees with the file is not trusted.
    await writeFile(`${weight}.dvc`, `outs:\n- md5: ${md5}\n  size: 1\n  path: w.bin\n`);
    await utimes(weight, new Date(2022, 1, 1), new Date(2022, 1, 1));
    const fifth = await assemble(spec(dir), { baseDir: dir, cacheFile, layout: { dir: path.join(dir, 'layout'), tags: ['a'] } });
    expect(fifth.bytes.read).toBeGreaterThan(0);
  });

  test('the pointers of the weights are digested into the dev.slipway.artifacts.digest label', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-pointers-'));
    await mkdir(path.join(dir, 'model'));
    await writeFile(path.join(dir, 'model/w.bin'), 'weights');
    const rt = () => createTerminalRuntime({ cwd: dir, quiet: true, stderr: new Writable({ write: (_c, _e, cb) => cb() }) });
    const build = () => buildImage(rt(), { engine: 'assemble', layout: 'layout', weights: [{ source: 'model', dest: '/models' }], processEnv: {} });
    expect((await build()).labels['dev.slipway.artifacts.digest']).toBeUndefined();
    await writeFile(path.join(dir, 'model.dvc'), 'outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  size: 7\n  nfiles: 1\n  path: model\n');
    const one = (await build()).labels['dev.slipway.artifacts.digest'];
    expect(one).toMatch(/^sha256:[0-9a-f]{64}$/);
    await writeFile(path.join(dir, 'model.dvc'), 'outs:\n- md5: fedcba9876543210fedcba9876543210.dir\n  size: 7\n  nfiles: 1\n  path: model\n');
    expect((await build()).labels['dev.slipway.artifacts.digest']).not.toBe(one);
  });
});
