import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalBytes, DeterministicTar, formatReference, parseReference, registryBaseUrl, type TarEntry } from '@slipway/oci';

async function bytesOf(tar: DeterministicTar): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of tar.chunks()) parts.push(c);
  return Buffer.concat(parts);
}

describe('deterministic tar', () => {
  test('same entries in any order, any file times and modes: the same bytes; GNU tar reads them back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-tar-'));
    const a = path.join(dir, 'a.txt');
    const run = path.join(dir, 'run.sh');
    await writeFile(a, 'alpha\n');
    await writeFile(run, '#!/bin/sh\necho hi\n');
    await chmod(run, 0o700);
    const long = `${'deep/'.repeat(30)}file-with-a-long-name.bin`;
    const entries: TarEntry[] = [
      { type: 'file', path: 'app/run.sh', size: 18, mode: 0o700, source: { file: run } },
      { type: 'file', path: './app//a.txt', size: 6, mode: 0o600, source: { file: a } },
      { type: 'dir', path: 'app' },
      { type: 'file', path: long, size: 3, source: { data: Buffer.from('xyz') } },
    ];
    const one = new DeterministicTar(entries, { mtime: 0 });
    const two = new DeterministicTar([...entries].reverse(), { mtime: 0 });
    const b1 = await bytesOf(one);
    expect(b1.equals(await bytesOf(two))).toBe(true);
    expect(b1.length).toBe(one.size);
    const digest = await one.digest();
    expect(digest).toBe(`sha256:${createHash('sha256').update(b1).digest('hex')}`);
    const file = path.join(dir, 'layer.tar');
    await writeFile(file, b1);
    const listing = execFileSync('tar', ['--numeric-owner', '--full-time', '-tvf', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
      .trim()
      .split('\n');
    expect(listing).toEqual([
      'drwxr-xr-x 0/0               0 1970-01-01 00:00:00 app/',
      '-rw-r--r-- 0/0               6 1970-01-01 00:00:00 app/a.txt',
      '-rwxr-xr-x 0/0              18 1970-01-01 00:00:00 app/run.sh',
      `-rw-r--r-- 0/0               3 1970-01-01 00:00:00 ${long}`,
    ]);
    const out = path.join(dir, 'out');
    execFileSync('mkdir', [out]);
    execFileSync('tar', ['-xf', file, '-C', out]);
    expect(execFileSync('cat', [path.join(out, long)], { encoding: 'utf8' })).toBe('xyz');
  });

  test('a large layer hashed on a worker thread gives the digest of the bytes the stream writes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-tar-'));
    const f = path.join(dir, 'big.bin');
    const data = Buffer.alloc(5 * 1024 * 1024 + 123);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    await writeFile(f, data);
    const tar = new DeterministicTar(
      [
        { type: 'dir', path: 'models' },
        { type: 'file', path: 'models/big.bin', size: data.length, source: { file: f } },
      ],
      { mtime: 0 },
    );
    expect(await tar.digest()).toBe(
      `sha256:${createHash('sha256')
        .update(await bytesOf(tar))
        .digest('hex')}`,
    );
    await writeFile(f, data.subarray(0, 1000));
    await expect(tar.digest()).rejects.toThrow(/shrank while it was read/);
  });

  test('a path that climbs out of the image is refused', () => {
    expect(() => new DeterministicTar([{ type: 'dir', path: 'a/../../etc' }], { mtime: 0 })).toThrow(/invalid path in layer/);
  });

  test('a file that changed size since it was listed fails the read instead of writing a corrupt layer', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'oci-tar-'));
    const f = path.join(dir, 'w.bin');
    await writeFile(f, 'four');
    await expect(new DeterministicTar([{ type: 'file', path: 'w.bin', size: 10, source: { file: f } }], { mtime: 0 }).digest()).rejects.toThrow(/shrank/);
  });

  test('canonical JSON sorts keys, so config and manifest digests do not depend on key order', () => {
    expect(canonicalBytes({ b: 1, a: { d: 2, c: [3, { z: 1, y: 2 }] } }).toString()).toBe('{"a":{"c":[3,{"y":2,"z":1}],"d":2},"b":1}');
  });
});

describe('image references', () => {
  test.each([
    ['ghcr.io/acme/support-bot:v1', { registry: 'ghcr.io', repository: 'acme/support-bot', tag: 'v1' }],
    ['localhost:5000/bot', { registry: 'localhost:5000', repository: 'bot' }],
    ['127.0.0.1:5000/a/b/c:1.0-rc_1', { registry: '127.0.0.1:5000', repository: 'a/b/c', tag: '1.0-rc_1' }],
    ['ubuntu', { registry: 'docker.io', repository: 'library/ubuntu' }],
    ['acme/bot', { registry: 'docker.io', repository: 'acme/bot' }],
    ['index.docker.io/library/busybox:1', { registry: 'docker.io', repository: 'library/busybox', tag: '1' }],
    [`ghcr.io/acme/bot@sha256:${'a'.repeat(64)}`, { registry: 'ghcr.io', repository: 'acme/bot', digest: `sha256:${'a'.repeat(64)}` }],
    [`ghcr.io/acme/bot:v2@sha256:${'b'.repeat(64)}`, { registry: 'ghcr.io', repository: 'acme/bot', tag: 'v2', digest: `sha256:${'b'.repeat(64)}` }],
  ])('%s', (text, expected) => {
    const ref = parseReference(text);
    expect(ref).toEqual(expected);
    expect(parseReference(formatReference(ref))).toEqual(ref);
  });

  test.each([
    ['', /empty/],
    ['ghcr.io/Acme/bot', /component "Acme" must be lowercase/],
    ['ghcr.io/acme/bot:-bad', /tag "-bad" is not valid/],
    ['ghcr.io/acme/bot@sha256:xyz', /digest "sha256:xyz" is not sha256/],
    ['ghcr.io/acme//bot', /component "" must be/],
  ])('%j is refused with a message that names the part', (text, message) => {
    expect(() => parseReference(text)).toThrow(message);
  });

  test.each([
    ['localhost:5000', [], 'http://localhost:5000'],
    ['127.0.0.1:5000', [], 'http://127.0.0.1:5000'],
    ['registry.internal:5000', ['registry.internal:5000'], 'http://registry.internal:5000'],
    ['ghcr.io', [], 'https://ghcr.io'],
    ['docker.io', [], 'https://registry-1.docker.io'],
  ])('%s reached at its API host over the right scheme', (registry, insecure, url) => {
    expect(registryBaseUrl(registry, insecure)).toBe(url);
  });
});
