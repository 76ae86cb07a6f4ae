import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ObjectCache } from '../../../packages/store/src/internal/object-cache.js';

describe('the local object cache', () => {
  test('asks the file system once whether it clones files, and leaves no probe behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'slipway-cache-'));
    try {
      const cache = new ObjectCache(path.join(dir, 'cache'));
      const first = await cache.reflinks();
      expect(await cache.reflinks()).toBe(first);
      // ext4 and tmpfs cannot clone; btrfs and XFS (with reflink=1) can.
      const fs = execFileSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).trim();
      if (/ext2|ext3|ext4|tmpfs/.test(fs)) expect(first).toBe(false);
      if (/btrfs/.test(fs)) expect(first).toBe(true);
      // Nothing is created for the question, not even the cache folder.
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
