import { execFileSync } from 'node:child_process';
import { mkdtemp as makeTemp, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTerminalRuntime, UserError } from '@slipway/kit';
import { buildImage, type Exec, hostRootfs, mergeBuildOptions, parseLdd, planRootfsLayer } from '@slipway/oci';

const temps: string[] = [];
/** A temp folder removed after the suite (one of them holds a copy of the Node binary). */
async function mkdtemp(prefix: string): Promise<string> {
  const dir = await makeTemp(prefix);
  temps.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function layerFile(dir: string, source: string): Promise<string> {
  const layer = await planRootfsLayer(source, dir);
  const parts: Buffer[] = [];
  for await (const c of layer.tar.chunks()) parts.push(c);
  const file = path.join(dir, 'layer.tar');
  await writeFile(file, Buffer.concat(parts));
  return file;
}

describe('a base made from files (build.rootfs)', () => {
  test.each([
    [
      'a dynamically linked binary',
      '\tlinux-vdso.so.1 (0x00007ffd)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f35)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f36)\n',
      ['/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2'],
    ],
    ['the vDSO only', '\tlinux-vdso.so.1 (0x00007ffd)\n', []],
    [
      'arm64 loader',
      '\tlibm.so.6 => /lib/aarch64-linux-gnu/libm.so.6 (0x0000ffff)\n\t/lib/ld-linux-aarch64.so.1 (0x0000ffff)\n',
      ['/lib/aarch64-linux-gnu/libm.so.6', '/lib/ld-linux-aarch64.so.1'],
    ],
  ])('parseLdd: %s', (_name, output, expected) => {
    expect(parseLdd(output)).toEqual(expected);
  });

  test('a library ldd cannot find is a clear error', () => {
    expect(() => parseLdd('\tlibfoo.so.1 => not found\n')).toThrow(UserError);
    expect(() => parseLdd('\tlibfoo.so.1 => not found\n')).toThrow(/missing on this machine: libfoo\.so\.1 => not found/);
  });

  test('the rootfs layer keeps folders (empty ones too) and symbolic links; GNU tar reads it back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-rootfs-'));
    const root = path.join(dir, 'rootfs');
    await mkdir(path.join(root, 'usr/lib'), { recursive: true });
    await mkdir(path.join(root, 'tmp'), { recursive: true });
    await writeFile(path.join(root, 'usr/lib/libx.so.1'), 'ELF');
    await symlink('usr/lib', path.join(root, 'lib'));
    await symlink('libx.so.1', path.join(root, 'usr/lib/libx.so'));
    const file = await layerFile(dir, 'rootfs');
    const listing = execFileSync('tar', ['--numeric-owner', '-tvf', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
      .trim()
      .split('\n')
      .map((l) => l.replace(/\s+1970-01-01 00:00\s+/, ' ').replace(/\s+/g, ' '));
    expect(listing).toEqual([
      'lrwxrwxrwx 0/0 0 lib -> usr/lib',
      'drwxr-xr-x 0/0 0 tmp/',
      'drwxr-xr-x 0/0 0 usr/',
      'drwxr-xr-x 0/0 0 usr/lib/',
      'lrwxrwxrwx 0/0 0 usr/lib/libx.so -> libx.so.1',
      '-rw-r--r-- 0/0 3 usr/lib/libx.so.1',
    ]);
    const out = path.join(dir, 'out');
    await mkdir(out);
    execFileSync('tar', ['-xf', file, '-C', out]);
    expect(await readFile(path.join(out, 'lib/libx.so'), 'utf8')).toBe('ELF');
  });

  test('a tarball of the tree (GNU tar, plain or gzip, long and non-ASCII names, hard links) gives the same layer as the folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-rootfs-'));
    const root = path.join(dir, 'rootfs');
    const deep = `${'nested/'.repeat(20)}déjà-vu.txt`;
    await mkdir(path.dirname(path.join(root, deep)), { recursive: true });
    await mkdir(path.join(root, 'usr/bin'), { recursive: true });
    await mkdir(path.join(root, 'empty'), { recursive: true });
    await writeFile(path.join(root, deep), 'deep\n');
    await writeFile(path.join(root, 'usr/bin/tool'), '#!/bin/sh\n', { mode: 0o755 });
    await symlink(`../../${'x'.repeat(120)}`, path.join(root, 'usr/bin/far-link'));
    await symlink('usr/bin', path.join(root, 'bin'));
    const fromFolder = await (await planRootfsLayer('rootfs', dir)).tar.digest();
    for (const [name, flags] of [
      ['plain.tar', ['--format=posix', '-cf']],
      ['gnu.tar.gz', ['--format=gnu', '-czf']],
    ] as const) {
      execFileSync('tar', [...flags, path.join(dir, name), '-C', root, '.']);
      expect(await (await planRootfsLayer(name, dir)).tar.digest()).toBe(fromFolder);
    }
    // A hard link in the archive becomes a copy of its file.
    await writeFile(path.join(dir, 'a.txt'), 'same bytes\n');
    execFileSync('ln', [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')]);
    execFileSync('tar', ['-cf', path.join(dir, 'links.tar'), '-C', dir, 'a.txt', 'b.txt']);
    const linked = await planRootfsLayer('links.tar', dir);
    expect(linked.tar.entries.map((e) => [e.path, e.type === 'file' ? e.size : -1])).toEqual([
      ['a.txt', 11],
      ['b.txt', 11],
    ]);
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    await expect(planRootfsLayer('notes.txt', dir)).rejects.toThrow(/build\.rootfs: "notes\.txt" is neither a folder nor a \.tar/);
  });

  test('a long link target goes into a PAX record', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-rootfs-'));
    const target = `${'far/'.repeat(40)}away`;
    await mkdir(path.join(dir, 'rootfs'), { recursive: true });
    await symlink(target, path.join(dir, 'rootfs/link'));
    const listing = execFileSync('tar', ['-tvf', await layerFile(dir, 'rootfs')], { encoding: 'utf8' });
    expect(listing).toContain(`link -> ${target}`);
  });

  test('hostRootfs copies each binary with what ldd lists, and writes the passwd entry', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-host-'));
    const fakeBin = path.join(dir, 'prog');
    const fakeLib = path.join(dir, 'libdemo.so.1');
    await writeFile(fakeBin, '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(fakeLib, 'library');
    const calls: string[][] = [];
    const exec: Exec = async (command, args) => {
      calls.push([command, ...args]);
      return { code: 0, stdout: `\tlinux-vdso.so.1 (0x1)\n\tlibdemo.so.1 => ${fakeLib} (0x7f00)\n`, stderr: '' };
    };
    const result = await hostRootfs(path.join(dir, 'rootfs'), {
      binaries: [{ source: fakeBin, dest: '/usr/local/bin/prog' }],
      user: { name: 'svc', uid: 65532, gid: 65532 },
      optionalFiles: ['/nonexistent/ca.crt'],
      exec,
    });
    expect(calls).toEqual([['ldd', fakeBin]]);
    expect(result.libraries).toEqual([fakeLib]);
    expect(result.files).toEqual(['/etc/group', '/etc/hosts', '/etc/nsswitch.conf', '/etc/passwd', fakeLib, '/usr/local/bin/prog'].sort());
    expect(await readFile(path.join(dir, 'rootfs/etc/passwd'), 'utf8')).toContain('svc:x:65532:65532:svc:/nonexistent:/sbin/nologin');
    expect((await stat(path.join(dir, 'rootfs/usr/local/bin/prog'))).mode & 0o111).not.toBe(0);
    expect((await stat(path.join(dir, 'rootfs/tmp'))).isDirectory()).toBe(true);
  });

  test('hostRootfs on this machine\u2019s Node finds libc and the loader with the real ldd', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-host-'));
    const result = await hostRootfs(path.join(dir, 'rootfs'), {
      binaries: [{ source: process.execPath, dest: '/usr/local/bin/node' }],
      user: { name: 'n', uid: 1, gid: 1 },
    });
    expect(result.libraries.some((l) => /\/libc\.so\.6$/.test(l))).toBe(true);
    expect(result.libraries.some((l) => /\/ld-linux[^/]*\.so\.\d$/.test(l))).toBe(true);
    expect((await stat(path.join(dir, 'rootfs/usr/local/bin/node'))).size).toBe((await stat(process.execPath)).size);
  });

  test('build.rootfs is resolved from slipway.yml\u2019s folder; a missing folder is one clear error', async () => {
    const merged = mergeBuildOptions({ rootfs: 'img/rootfs' }, '/repo/images', '/repo', {});
    expect(merged.rootfs).toBe('/repo/images/img/rootfs');
    expect(mergeBuildOptions({ rootfs: 'x' }, '/repo/images', '/repo', { rootfs: 'y' }).rootfs).toBe('/repo/y');
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-rootfs-'));
    const rt = createTerminalRuntime({ cwd: dir, quiet: true, stderr: new Writable({ write: (_c, _e, cb) => cb() }) });
    const error = await buildImage(rt, { engine: 'assemble', layout: 'out', rootfs: 'missing', processEnv: { SOURCE_DATE_EPOCH: '0' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^build: file to copy into the image "missing" does not exist/);
    expect((error as UserError).hint).toContain('build.rootfs');
  });
});
