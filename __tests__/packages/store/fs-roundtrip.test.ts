import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addArtifacts, artifactStatus, collectGarbage, pullArtifacts, pushArtifacts } from '@slipway/store';
import { quietRuntime, readTree, tempRepo, writeTree } from './helpers.js';

const md5 = (b: string | Buffer) => createHash('md5').update(b).digest('hex');

const MODEL = {
  'models/adapter/config.json': '{"rank": 8}',
  'models/adapter/weights.bin': Buffer.alloc(300_000, 7),
  'models/adapter/tokenizer/vocab.txt': 'a\nb\nc\n',
  'models/adapter/modèle/données-été.txt': 'non-ASCII bytes: é',
  'models/adapter/データ/😀.txt': 'astral',
  'data/train.jsonl': '{"q": "hi", "a": "hello"}\n',
};

/** Two checkouts of one repository sharing a file:// remote: what a laptop and a CI runner see. */
async function twoCheckouts() {
  const a = await tempRepo();
  const b = await tempRepo();
  const remoteDir = await tempRepo('slipway-remote-');
  const remote = `file://${remoteDir.dir}`;
  return {
    a: a.dir,
    b: b.dir,
    remoteDir: remoteDir.dir,
    remote,
    async cleanup() {
      await Promise.all([a.cleanup(), b.cleanup(), remoteDir.cleanup()]);
    },
  };
}

async function clonePointers(from: string, to: string, rels: string[]) {
  for (const rel of rels) {
    await mkdir(path.dirname(path.join(to, rel)), { recursive: true });
    await copyFile(path.join(from, rel), path.join(to, rel));
  }
}

describe('file:// remote round trip', () => {
  test('add, push, pull into a clean checkout restores identical bytes, names included', async () => {
    const env = await twoCheckouts();
    try {
      await writeTree(env.a, MODEL);
      await chmod(path.join(env.a, 'data/train.jsonl'), 0o755);
      const rt = quietRuntime(env.a);
      const added = await addArtifacts(rt, { paths: ['models/adapter', 'data/train.jsonl'] });
      expect(added.paths.map((p) => [p.path, p.kind, p.nfiles])).toEqual([
        ['models/adapter', 'folder', 5],
        ['data/train.jsonl', 'file', undefined],
      ]);
      const pointer = await readFile(path.join(env.a, 'data/train.jsonl.dvc'), 'utf8');
      expect(pointer).toBe(`outs:\n- md5: ${md5(MODEL['data/train.jsonl'])}\n  size: 26\n  isexec: true\n  hash: md5\n  path: train.jsonl\n`);
      expect(await readFile(path.join(env.a, 'models/.gitignore'), 'utf8')).toBe('/adapter\n');
      expect(await readFile(path.join(env.a, 'data/.gitignore'), 'utf8')).toBe('/train.jsonl\n');
      expect(await readFile(path.join(env.a, '.slipway/.gitignore'), 'utf8')).toBe('*\n');

      const pushed = await pushArtifacts(rt, { remote: env.remote });
      expect(pushed.uploaded.objects).toBe(7); // 5 files + 1 .dir + 1 file
      expect(pushed.skipped.objects).toBe(0);
      // DVC 3 layout on the remote.
      const dirId = added.paths[0]?.md5 as string;
      expect(await stat(path.join(env.remoteDir, 'files/md5', dirId.slice(0, 2), dirId.slice(2)))).toBeTruthy();
      const again = await pushArtifacts(rt, { remote: env.remote });
      expect(again.uploaded.objects).toBe(0);
      expect(again.skipped.objects).toBe(7);

      await clonePointers(env.a, env.b, ['models/adapter.dvc', 'data/train.jsonl.dvc']);
      const rtB = quietRuntime(env.b);
      const before = await artifactStatus(rtB, { remote: env.remote });
      expect(before.paths.map((p) => p.status)).toEqual(['missing', 'missing']);
      const pulled = await pullArtifacts(rtB, { remote: env.remote });
      expect(pulled.downloaded.objects).toBe(6);
      expect(withoutGitignore(await readTree(path.join(env.b, 'models')))).toEqual(withoutGitignore(await readTree(path.join(env.a, 'models'))));
      expect(await readFile(path.join(env.b, 'data/train.jsonl'), 'utf8')).toBe(MODEL['data/train.jsonl']);
      expect((await stat(path.join(env.b, 'data/train.jsonl'))).mode & 0o111).not.toBe(0);
      const after = await artifactStatus(rtB, { remote: env.remote });
      expect(after.upToDate).toBe(true);
      expect(after.paths.map((p) => p.status)).toEqual(['up to date', 'up to date']);
      const noop = await pullArtifacts(rtB, { remote: env.remote });
      expect(noop.downloaded.objects).toBe(0);
      expect(noop.skipped.objects).toBe(6);
    } finally {
      await env.cleanup();
    }
  });

  test('a corrupted remote object fails the pull, named, and leaves no file', async () => {
    const env = await twoCheckouts();
    try {
      await writeTree(env.a, { 'w/a.bin': 'good bytes', 'w/b.bin': 'other bytes' });
      const rt = quietRuntime(env.a);
      await addArtifacts(rt, { paths: ['w'] });
      await pushArtifacts(rt, { remote: env.remote });
      const bad = md5('good bytes');
      const objectFile = path.join(env.remoteDir, 'files/md5', bad.slice(0, 2), bad.slice(2));
      await writeFile(objectFile, 'evil bytes');
      await clonePointers(env.a, env.b, ['w.dvc']);
      const error = await pullArtifacts(quietRuntime(env.b), { remote: env.remote, jobs: 1 }).catch((e: unknown) => e);
      expect((error as Error).name).toBe('IntegrityError');
      expect((error as Error).message).toContain(`files/md5/${bad.slice(0, 2)}/${bad.slice(2)}`);
      expect((error as Error).message).toContain('w/a.bin');
      await expect(stat(path.join(env.b, 'w/a.bin'))).rejects.toThrow(/ENOENT/);
      const left = await readTree(env.b).catch(() => ({}));
      expect(Object.keys(left).filter((k) => k.includes('slipway-tmp'))).toEqual([]);
    } finally {
      await env.cleanup();
    }
  });

  test('a corrupted big object (streamed to disk in batches) is refused too', async () => {
    const env = await twoCheckouts();
    try {
      const good = Buffer.alloc(6 * 2 ** 20, 5);
      await writeTree(env.a, { 'big.bin': good });
      const rt = quietRuntime(env.a);
      await addArtifacts(rt, { paths: ['big.bin'] });
      await pushArtifacts(rt, { remote: env.remote });
      const id = md5(good);
      const bad = Buffer.from(good);
      bad[4_000_000] = 6;
      await writeFile(path.join(env.remoteDir, 'files/md5', id.slice(0, 2), id.slice(2)), bad);
      await clonePointers(env.a, env.b, ['big.bin.dvc']);
      const error = (await pullArtifacts(quietRuntime(env.b), { remote: env.remote }).catch((e: unknown) => e)) as Error;
      expect(error.name).toBe('IntegrityError');
      expect(error.message).toContain(`its bytes hash to ${md5(bad)}`);
      // Nothing placed, and no partial bytes kept for a resume (only the tool's own ignored folder remains).
      expect(Object.keys(await readTree(env.b))).toEqual(['.slipway/.gitignore', 'big.bin.dvc']);
      // Repaired remote: the same pull now places the file.
      await writeFile(path.join(env.remoteDir, 'files/md5', id.slice(0, 2), id.slice(2)), good);
      expect((await pullArtifacts(quietRuntime(env.b), { remote: env.remote })).downloaded.objects).toBe(1);
      expect(md5(await readFile(path.join(env.b, 'big.bin')))).toBe(id);
    } finally {
      await env.cleanup();
    }
  });

  test('an unchanged file is never hashed twice: the hash cache answers', async () => {
    const env = await twoCheckouts();
    try {
      await writeTree(env.a, { 'big.bin': Buffer.alloc(5 * 2 ** 20, 1) });
      const rt = quietRuntime(env.a);
      await addArtifacts(rt, { paths: ['big.bin'] });
      const hashes = JSON.parse(await readFile(path.join(env.a, '.slipway/state/hashes.json'), 'utf8')) as Record<string, unknown[]>;
      const key = path.join(env.a, 'big.bin');
      expect(hashes[key]?.[3]).toBe(md5(Buffer.alloc(5 * 2 ** 20, 1)));
      // Poison the remembered hash: if status re-read the file it would see the truth and say "up to date".
      hashes[key] = [...(hashes[key] ?? []).slice(0, 3), '0'.repeat(32)];
      await writeFile(path.join(env.a, '.slipway/state/hashes.json'), JSON.stringify(hashes));
      const s = await artifactStatus(rt, { checkRemote: false });
      expect(s.paths[0]?.status).toBe('modified');
      // Touching the file (new mtime) invalidates the entry.
      const now = new Date(Date.now() + 5000);
      const { utimes } = await import('node:fs/promises');
      await utimes(key, now, now);
      expect((await artifactStatus(rt, { checkRemote: false })).paths[0]?.status).toBe('up to date');
    } finally {
      await env.cleanup();
    }
  });

  test('gc keeps what pointers reference, is a dry run without force', async () => {
    const env = await twoCheckouts();
    try {
      await writeTree(env.a, { 'm.bin': 'v1' });
      const rt = quietRuntime(env.a);
      await addArtifacts(rt, { paths: ['m.bin'] });
      await pushArtifacts(rt, { remote: env.remote });
      await writeTree(env.a, { 'm.bin': 'v2' });
      await addArtifacts(rt, { paths: ['m.bin'] });
      await pushArtifacts(rt, { remote: env.remote });
      // Half-finished downloads: one of the referenced v2, one of an object nothing references.
      const downloads = path.join(env.a, '.slipway/state/downloads');
      await writeTree(downloads, { [`${md5('v2')}.data`]: 'v', [`${md5('v2')}.json`]: '{}', [`${md5('gone')}.data`]: 'go', [`${md5('gone')}.json`]: '{}' });
      const dry = await collectGarbage(rt, { remote: env.remote, cloud: true });
      expect(dry.dryRun).toBe(true);
      expect(dry.partialDownloads).toEqual([md5('gone')]);
      expect(dry.cache.unreferenced).toEqual([md5('v1')]);
      expect(dry.remote?.unreferenced).toEqual([`files/md5/${md5('v1').slice(0, 2)}/${md5('v1').slice(2)}`]);
      expect(await stat(path.join(env.remoteDir, 'files/md5', md5('v1').slice(0, 2), md5('v1').slice(2)))).toBeTruthy();
      const real = await collectGarbage(rt, { remote: env.remote, cloud: true, force: true });
      expect(real.remote?.removed).toBe(1);
      expect((await readdir(downloads)).sort()).toEqual([`${md5('v2')}.data`, `${md5('v2')}.json`]);
      await expect(stat(path.join(env.remoteDir, 'files/md5', md5('v1').slice(0, 2), md5('v1').slice(2)))).rejects.toThrow(/ENOENT/);
      expect(await stat(path.join(env.remoteDir, 'files/md5', md5('v2').slice(0, 2), md5('v2').slice(2)))).toBeTruthy();
    } finally {
      await env.cleanup();
    }
  });
});

describe('bad input: one clear line, exit 2, nothing written', () => {
  test.each([
    [['../outside'], /escapes the repository/],
    [['/etc/hostname'], /outside the repository/],
    [['link/secret'], /through a symlink .* outside the repository/],
    [['nope'], /does not exist/],
    [['.slipway/state'], /holds tool state/],
  ])('add %j', async (paths, message) => {
    const repo = await tempRepo();
    const elsewhere = await tempRepo();
    try {
      await writeTree(elsewhere.dir, { 'secret/key': 'x' });
      await symlink(elsewhere.dir, path.join(repo.dir, 'link'));
      await mkdir(path.join(repo.dir, '.slipway/state'), { recursive: true });
      const error = (await addArtifacts(quietRuntime(repo.dir), { paths }).catch((e: unknown) => e)) as { exitCode: number; message: string };
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('\n');
      const files = Object.keys(await readTree(repo.dir));
      // (.slipway/ exists because this test made .slipway/state; the tool may keep its own folder ignored.)
      expect(files.filter((f) => !f.startsWith('.slipway/') && (f.endsWith('.dvc') || f.endsWith('.gitignore')))).toEqual([]);
    } finally {
      await repo.cleanup();
      await elsewhere.cleanup();
    }
  });

  test('push without a remote says how to set one', async () => {
    const repo = await tempRepo();
    try {
      await writeTree(repo.dir, { 'a.bin': 'a' });
      const rt = quietRuntime(repo.dir);
      await addArtifacts(rt, { paths: ['a.bin'] });
      const error = (await pushArtifacts(rt, {}).catch((e: unknown) => e)) as { exitCode: number; message: string; hint: string };
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe('no remote is configured for artifacts');
      expect(error.hint).toMatch(/--remote.*artifacts\.remote in slipway\.yml.*\.dvc\/config/);
    } finally {
      await repo.cleanup();
    }
  });

  test('a remote from slipway.yml (relative to it) and from .dvc/config is used', async () => {
    const repo = await tempRepo();
    try {
      await writeTree(repo.dir, { 'a.bin': 'a', 'slipway.yml': 'version: 1\nartifacts:\n  remote: file://store\n' });
      const rt = quietRuntime(repo.dir);
      await addArtifacts(rt, { paths: ['a.bin'] });
      expect((await pushArtifacts(rt, {})).remote).toBe(`file://${path.join(repo.dir, 'store')}`);
      await writeFile(path.join(repo.dir, 'slipway.yml'), 'version: 1\n');
      await writeTree(repo.dir, { '.dvc/config': '[core]\n    remote = storage\n[\'remote "storage"\']\n    url = ../dvc-store\n' });
      expect((await pushArtifacts(rt, {})).remote).toBe(`file://${path.join(repo.dir, 'dvc-store')}`);
    } finally {
      await repo.cleanup();
    }
  });

  test('a malformed pointer names its file and line, and pull writes nothing', async () => {
    const repo = await tempRepo();
    try {
      await writeTree(repo.dir, { 'w.dvc': 'outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: ../../escape\n' });
      const error = (await pullArtifacts(quietRuntime(repo.dir), { remote: `file://${repo.dir}/r` }).catch((e: unknown) => e)) as {
        exitCode: number;
        location: { file: string; line: number };
      };
      expect(error.exitCode).toBe(2);
      expect(error.location).toEqual({ file: 'w.dvc', line: 5 });
      expect(Object.keys(await readTree(repo.dir))).toEqual(['w.dvc']);
    } finally {
      await repo.cleanup();
    }
  });
});

function withoutGitignore(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([k]) => !k.endsWith('.gitignore') && !k.endsWith('.dvc')));
}
