import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addArtifacts, artifactStatus, pushArtifacts, pythonJsonDumps } from '@slipway/store';
import { quietRuntime, readTree, tempRepo, writeTree } from './helpers.js';

const md5 = (b: string | Buffer) => createHash('md5').update(b).digest('hex');

/** The `.dir` listing DVC writes for these files (sorted by relpath, Python's json.dumps). */
function dirId(files: Record<string, string>): string {
  const entries = Object.entries(files)
    .map(([relpath, content]) => ({ md5: md5(content), relpath }))
    .sort((x, y) => (x.relpath < y.relpath ? -1 : 1));
  return `${md5(pythonJsonDumps(entries))}.dir`;
}

describe('.dvcignore (gitignore syntax, as DVC applies it)', () => {
  test('ignored files are left out of a folder listing, its cache and its push; a deeper .dvcignore overrides a shallower one', async () => {
    const repo = await tempRepo();
    const remote = await tempRepo('slipway-remote-');
    try {
      await writeTree(repo.dir, {
        '.dvcignore': '# scratch files\n*.tmp\n!keep.tmp\nmodels/adapter/checkpoints/\n*.bin\n',
        'models/.dvcignore': '*.log\n!weights.bin\n',
        'models/adapter/config.json': '{"rank": 8}',
        'models/adapter/weights.bin': 'weights',
        'models/adapter/other.bin': 'hidden by the root file',
        'models/adapter/scratch.tmp': 'scratch',
        'models/adapter/keep.tmp': 'kept by a negation',
        'models/adapter/train.log': 'hidden by models/.dvcignore',
        'models/adapter/checkpoints/step-1/w': 'a whole ignored folder',
        'models/adapter/sub/notes.txt': 'notes',
      });
      const rt = quietRuntime(repo.dir);
      const added = await addArtifacts(rt, { paths: ['models/adapter'] });
      const kept = {
        'config.json': '{"rank": 8}',
        'keep.tmp': 'kept by a negation',
        'sub/notes.txt': 'notes',
        'weights.bin': 'weights',
      };
      expect(added.paths[0]?.md5).toBe(dirId(kept));
      expect(added.paths[0]?.nfiles).toBe(4);
      const listing = JSON.parse(
        await readFile(path.join(repo.dir, '.slipway/cache/files/md5', (added.paths[0]?.md5 ?? '').slice(0, 2), (added.paths[0]?.md5 ?? '').slice(2)), 'utf8'),
      );
      expect(listing.map((e: { relpath: string }) => e.relpath)).toEqual(['config.json', 'keep.tmp', 'sub/notes.txt', 'weights.bin']);

      await pushArtifacts(rt, { remote: `file://${remote.dir}` });
      const onRemote = Object.keys(await readTree(remote.dir)).map((k) => k.replace(/^files\/md5\/(..)\//, '$1'));
      expect(onRemote.sort()).toEqual([...Object.values(kept).map((c) => md5(c)), added.paths[0]?.md5].sort());

      // Changing an ignored file changes nothing; changing a tracked one does.
      await writeFile(path.join(repo.dir, 'models/adapter/scratch.tmp'), 'other scratch');
      await writeFile(path.join(repo.dir, 'models/adapter/train.log'), 'more log');
      expect((await artifactStatus(rt, { remote: `file://${remote.dir}` })).paths.map((p) => p.status)).toEqual(['up to date']);
      await writeFile(path.join(repo.dir, 'models/adapter/sub/notes.txt'), 'edited');
      expect((await artifactStatus(rt, { remote: `file://${remote.dir}` })).paths.map((p) => p.status)).toEqual(['modified']);
    } finally {
      await repo.cleanup();
      await remote.cleanup();
    }
  });

  test('a .dvcignore inside a tracked folder is refused, as DVC does: one line, exit 2, no pointer written', async () => {
    const repo = await tempRepo();
    try {
      await writeTree(repo.dir, { 'data/a.txt': 'a', 'data/inner/.dvcignore': '*.txt\n' });
      const error = (await addArtifacts(quietRuntime(repo.dir), { paths: ['data'] }).catch((e: unknown) => e)) as {
        exitCode: number;
        message: string;
        hint: string;
      };
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe('data/inner/.dvcignore: a .dvcignore inside the tracked folder data is not allowed');
      expect(error.hint).toMatch(/above data/);
      expect(Object.keys(await readTree(repo.dir)).filter((f) => f.endsWith('.dvc'))).toEqual([]);
    } finally {
      await repo.cleanup();
    }
  });

  test('adding an ignored path names the .dvcignore and its pattern; ignored pointers are not found', async () => {
    const repo = await tempRepo();
    try {
      await writeTree(repo.dir, { 'old/x.bin': 'x', 'new/y.bin': 'y' });
      const rt = quietRuntime(repo.dir);
      await addArtifacts(rt, { paths: ['old/x.bin', 'new/y.bin'] });
      await writeFile(path.join(repo.dir, '.dvcignore'), 'old/\n');
      const error = (await addArtifacts(rt, { paths: ['old/x.bin'] }).catch((e: unknown) => e)) as { exitCode: number; message: string };
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe('path "old/x.bin" is ignored by .dvcignore (pattern "old/")');
      // Every pointer in the repository, except those .dvcignore hides.
      expect((await artifactStatus(rt, {})).paths.map((p) => p.path)).toEqual(['new/y.bin']);
    } finally {
      await repo.cleanup();
    }
  });
});
