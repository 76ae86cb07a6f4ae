import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '@slipway/kit';
import type { DockerfileBuild } from './buildah.js';
import type { Exec } from './exec.js';
import { formatReference } from './reference.js';

export interface BuildxOptions {
  exec: Exec;
  bin?: string;
  /** The GitHub Actions cache backend (`type=gha`) when the runner exposes it. */
  ghaCache?: { scope?: string } | false;
  log?: (line: string) => void;
}

/**
 * `docker buildx build` arguments: pushes with `--push` (or writes `--output type=oci`),
 * caches through GitHub's cache service when asked, and sets `SOURCE_DATE_EPOCH` so timestamps
 * follow the commit.
 */
export function buildxArgs(b: DockerfileBuild, o: Pick<BuildxOptions, 'ghaCache'>, metadataFile: string): string[] {
  const args = ['buildx', 'build', '--file', b.dockerfile, '--metadata-file', metadataFile, '--provenance=false'];
  args.push('--build-arg', `SOURCE_DATE_EPOCH=${b.timestamp}`);
  if (b.platform) args.push('--platform', b.platform);
  for (const tag of b.push?.tags ?? [])
    args.push('--tag', formatReference({ registry: b.push?.ref.registry ?? '', repository: b.push?.ref.repository ?? '', tag }));
  for (const [k, v] of Object.entries(b.labels).sort()) args.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(b.buildArgs ?? {}).sort()) args.push('--build-arg', `${k}=${v}`);
  if (o.ghaCache) {
    const scope = o.ghaCache.scope ? `,scope=${o.ghaCache.scope}` : '';
    args.push('--cache-from', `type=gha${scope}`, '--cache-to', `type=gha,mode=max${scope}`);
  }
  const outputs: string[] = [];
  if (b.push) outputs.push('type=image,push=true,rewrite-timestamp=true');
  if (b.layout) outputs.push(`type=oci,dest=${b.layout.dir}.tar,rewrite-timestamp=true`);
  for (const out of outputs) args.push('--output', out);
  args.push(b.context);
  return args;
}

/** True when a Docker daemon answers `docker info` within `timeoutMs`. */
export async function dockerDaemonAnswers(exec: Exec, bin = 'docker', timeoutMs = 5_000): Promise<boolean> {
  const r = await exec(bin, ['info', '--format', '{{.ServerVersion}}'], { timeoutMs });
  return r.code === 0 && r.stdout.trim() !== '';
}

/** Builds with buildx on a runner's Docker daemon. Returns the manifest digest from the metadata file. */
export async function buildxBuild(b: DockerfileBuild, o: BuildxOptions): Promise<string> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'slipway-buildx-'));
  try {
    const metadata = path.join(tmp, 'metadata.json');
    const r = await o.exec(o.bin ?? 'docker', buildxArgs(b, o, metadata), o.log ? { onLine: o.log } : {});
    if (r.code !== 0)
      throw new UserError(`build: docker buildx build failed (exit ${r.code}): ${r.stderr.trim().split('\n').at(-1) ?? ''}`, { hint: `check ${b.dockerfile}` });
    const meta = JSON.parse(await readFile(metadata, 'utf8')) as Record<string, unknown>;
    return String(meta['containerimage.digest'] ?? '');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
