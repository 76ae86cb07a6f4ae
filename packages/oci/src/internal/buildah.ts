import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '@slipway/kit';
import type { Credentials } from './credentials.js';
import type { Exec } from './exec.js';
import { apiHost, formatReference, type ImageReference } from './reference.js';

/** A Dockerfile build, whichever tool runs it. */
export interface DockerfileBuild {
  dockerfile: string;
  context: string;
  labels: Record<string, string>;
  buildArgs?: Record<string, string>;
  platform?: string;
  /** Seconds since the epoch for `created` and every file time. */
  timestamp: number;
  /** Push to this repository under these tags. */
  push?: { ref: ImageReference; tags: readonly string[]; credentials?: Credentials; insecure: boolean };
  /** Also (or only) write an OCI layout here under these tags. */
  layout?: { dir: string; tags: readonly string[] };
}

export interface BuildahOptions {
  exec: Exec;
  bin?: string;
  /** Storage for buildah's images; vfs needs no kernel support. */
  root: string;
  runroot: string;
  storageDriver?: string;
  isolation?: string;
  log?: (line: string) => void;
}

/** The `buildah bud` arguments for a build: `--layers` keeps each instruction its own layer, `--timestamp` makes digests repeatable. */
export function buildahBudArgs(b: DockerfileBuild, o: BuildahOptions, localTag: string): string[] {
  const args = [...globalArgs(o), 'bud', '--isolation', o.isolation ?? 'chroot', '--layers', '--timestamp', String(b.timestamp), '--format', 'oci'];
  args.push('--file', b.dockerfile, '--tag', localTag);
  if (b.platform) args.push('--platform', b.platform);
  for (const [k, v] of Object.entries(b.labels).sort()) args.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(b.buildArgs ?? {}).sort()) args.push('--build-arg', `${k}=${v}`);
  args.push(b.context);
  return args;
}

function globalArgs(o: BuildahOptions): string[] {
  return ['--storage-driver', o.storageDriver ?? 'vfs', '--root', o.root, '--runroot', o.runroot];
}

/**
 * Builds a Dockerfile with buildah (no daemon), then pushes each tag and/or writes an OCI layout.
 * Credentials go through a temporary auth file, never the command line. Returns the manifest digest.
 */
export async function buildahBuild(b: DockerfileBuild, o: BuildahOptions): Promise<string> {
  const localTag = `localhost/slipway-build:${process.pid}-${Date.now()}`;
  const bud = await o.exec(o.bin ?? 'buildah', buildahBudArgs(b, o, localTag), o.log ? { onLine: o.log } : {});
  if (bud.code === 127) throw new UserError('build: buildah is not installed', { hint: 'install it (`apt-get install buildah`) or use engine: assemble' });
  if (bud.code !== 0)
    throw new UserError(`build: buildah bud failed (exit ${bud.code}): ${lastLine(bud.stderr || bud.stdout)}`, { hint: `check ${b.dockerfile}` });
  const tmp = await mkdtemp(path.join(tmpdir(), 'slipway-buildah-'));
  try {
    let digest = '';
    const digestFile = path.join(tmp, 'digest');
    const pushOne = async (dest: string, extra: string[]) => {
      const r = await o.exec(
        o.bin ?? 'buildah',
        [...globalArgs(o), 'push', '--digestfile', digestFile, ...extra, localTag, dest],
        o.log ? { onLine: o.log } : {},
      );
      if (r.code !== 0)
        throw new UserError(`build: buildah push to ${dest.replace(/^docker:\/\//, '')} failed (exit ${r.code}): ${lastLine(r.stderr || r.stdout)}`);
      digest = (await readFile(digestFile, 'utf8')).trim();
    };
    if (b.push) {
      const extra: string[] = [];
      if (b.push.insecure) extra.push('--tls-verify=false');
      if (b.push.credentials?.password) {
        const authFile = path.join(tmp, 'auth.json');
        const auth = Buffer.from(`${b.push.credentials.username ?? ''}:${b.push.credentials.password}`).toString('base64');
        await writeFile(authFile, JSON.stringify({ auths: { [apiHost(b.push.ref.registry)]: { auth } } }), { mode: 0o600 });
        extra.push('--authfile', authFile);
      }
      for (const tag of b.push.tags)
        await pushOne(`docker://${formatReference({ registry: b.push.ref.registry, repository: b.push.ref.repository, tag })}`, extra);
    }
    if (b.layout) for (const tag of b.layout.tags) await pushOne(`oci:${b.layout.dir}:${tag}`, []);
    return digest;
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await o.exec(o.bin ?? 'buildah', [...globalArgs(o), 'rmi', localTag]).catch(() => undefined);
  }
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim())
      .at(-1) ?? ''
  ).slice(0, 400);
}
