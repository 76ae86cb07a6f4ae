import { chmod, copyFile, mkdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '@slipway/kit';
import { type Exec, execFile } from './exec.js';

/** A program copied from this machine into the rootfs, with the shared libraries it loads. */
export interface HostBinary {
  /** Path on this machine, e.g. `process.execPath`. */
  source: string;
  /** Path in the image, e.g. `/usr/local/bin/node`. */
  dest: string;
}

export interface HostRootfsOptions {
  binaries: readonly HostBinary[];
  /** The account the image runs as: written to /etc/passwd and /etc/group beside root. */
  user: { name: string; uid: number; gid: number };
  /** Extra host files copied to the same path in the image when they exist (CA bundles, time zones). */
  optionalFiles?: readonly string[];
  exec?: Exec;
}

/** What went into the rootfs, for logs and tests. */
export interface HostRootfsResult {
  dir: string;
  /** Paths in the image, sorted. */
  files: string[];
  /** Shared libraries (and the ELF interpreter) found by ldd, as paths in the image. */
  libraries: string[];
}

/** `ldd` output as the paths the dynamic loader will open: `libc.so.6 => /lib/…/libc.so.6 (0x…)` and `/lib64/ld-linux-x86-64.so.2 (0x…)`. */
export function parseLdd(output: string): string[] {
  const found = new Set<string>();
  for (const line of output.split('\n')) {
    const mapped = /=>\s+(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (mapped?.[1]) {
      found.add(mapped[1]);
      continue;
    }
    if (/=>\s+not found/.test(line)) throw new UserError(`a shared library is missing on this machine: ${line.trim()}`);
    const direct = /^\s*(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    if (direct?.[1]) found.add(direct[1]);
  }
  return [...found].sort();
}

/**
 * Writes a minimal root filesystem made from this machine's files: each binary with the shared
 * libraries `ldd` lists (copied as plain files at the paths the loader asks for, so no symbolic
 * link from the host is needed), `/etc/passwd`, `/etc/group`, `/etc/nsswitch.conf`, `/etc/hosts`,
 * an empty `/tmp`, and the optional files that exist. The folder is emptied first. Files are
 * copied byte for byte, so the same machine gives the same rootfs, and so the same layer digest.
 */
export async function hostRootfs(dir: string, options: HostRootfsOptions): Promise<HostRootfsResult> {
  const exec = options.exec ?? execFile;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files = new Set<string>();
  const libraries = new Set<string>();
  const put = async (source: string, dest: string) => {
    const target = path.join(dir, dest);
    await mkdir(path.dirname(target), { recursive: true });
    const real = await realpath(source);
    await copyFile(real, target);
    await chmod(target, (await stat(real)).mode & 0o777);
    files.add(dest);
  };
  for (const bin of options.binaries) {
    if (!(await stat(bin.source).catch(() => undefined))?.isFile()) throw new UserError(`host rootfs: ${bin.source} does not exist`);
    await put(bin.source, bin.dest);
    const ldd = await exec('ldd', [bin.source]);
    // A static binary makes ldd fail with "not a dynamic executable": nothing to add.
    if (ldd.code !== 0 && /not a dynamic executable|statically linked/.test(`${ldd.stdout}${ldd.stderr}`)) continue;
    if (ldd.code !== 0) throw new UserError(`host rootfs: ldd ${bin.source} failed: ${(ldd.stderr || ldd.stdout).trim().split('\n')[0] ?? ''}`);
    for (const lib of parseLdd(ldd.stdout)) {
      await put(lib, lib);
      libraries.add(lib);
    }
  }
  for (const file of options.optionalFiles ?? []) {
    if ((await stat(file).catch(() => undefined))?.isFile()) await put(file, file);
  }
  const { name, uid, gid } = options.user;
  const etc: Record<string, string> = {
    '/etc/passwd': `root:x:0:0:root:/root:/sbin/nologin\n${name}:x:${uid}:${gid}:${name}:/nonexistent:/sbin/nologin\n`,
    '/etc/group': `root:x:0:\n${name}:x:${gid}:\n`,
    '/etc/nsswitch.conf': 'passwd: files\ngroup: files\nhosts: files dns\n',
    '/etc/hosts': '127.0.0.1 localhost\n::1 localhost\n',
  };
  for (const [file, text] of Object.entries(etc)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
    files.add(file);
  }
  await mkdir(path.join(dir, 'tmp'), { recursive: true });
  return { dir, files: [...files].sort(), libraries: [...libraries].sort() };
}
