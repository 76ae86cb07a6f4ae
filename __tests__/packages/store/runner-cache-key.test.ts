import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addArtifacts, runnerCacheKey } from '@slipway/store';
import { quietRuntime, tempRepo, writeTree } from './helpers.js';

test('the runner-cache key follows the pointers: same pointers, same key; any change, a new key', async () => {
  const a = await tempRepo();
  const b = await tempRepo();
  try {
    for (const dir of [a.dir, b.dir]) {
      await writeTree(dir, { 'model/w.bin': 'weights', 'data.jsonl': '{}' });
      await addArtifacts(quietRuntime(dir), { paths: ['model', 'data.jsonl'] });
    }
    const ka = await runnerCacheKey(quietRuntime(a.dir), {}, 'linux-x64');
    const kb = await runnerCacheKey(quietRuntime(b.dir), {}, 'linux-x64');
    // Two checkouts of the same commit share the cache, wherever they live.
    expect(ka.key).toBe(kb.key);
    expect(ka.key).toMatch(/^slipway-artifacts-v1-linux-x64-[0-9a-f]{32}$/);
    expect(ka.restoreKeys).toEqual(['slipway-artifacts-v1-linux-x64-']);
    // Relative: @actions/cache puts the paths into the entry's version, which must not depend on the checkout's folder.
    expect(ka.cacheDir).toBe('.slipway/cache');
    expect(kb.cacheDir).toBe(ka.cacheDir);
    expect(ka.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await runnerCacheKey(quietRuntime(a.dir), {}, 'linux-arm64')).key).not.toBe(ka.key);
    expect((await runnerCacheKey(quietRuntime(a.dir), { paths: ['model'] }, 'linux-x64')).key).not.toBe(ka.key);
    await writeTree(a.dir, { 'model/w.bin': 'new weights' });
    await addArtifacts(quietRuntime(a.dir), { paths: ['model'] });
    expect((await runnerCacheKey(quietRuntime(a.dir), {}, 'linux-x64')).key).not.toBe(ka.key);
    // Pointers only: a byte of workspace content that no pointer records does not change the key.
    await writeFile(path.join(b.dir, 'model', 'w.bin'), 'edited but not added');
    expect((await runnerCacheKey(quietRuntime(b.dir), {}, 'linux-x64')).key).toBe(kb.key);
  } finally {
    await a.cleanup();
    await b.cleanup();
  }
});
