import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { escapeMarkdown, InputError, markdownTable, type Runtime } from '@slipway/kit';
import { type AssembleResult, assemble, type LayerReport } from './assemble.js';
import { buildahBuild, type DockerfileBuild } from './buildah.js';
import { buildxBuild, dockerDaemonAnswers } from './buildx.js';
import { type SignOutcome, signImage } from './cosign.js';
import { findCredentials } from './credentials.js';
import { type Exec, execFile } from './exec.js';
import type { CopySpec } from './layers.js';
import { formatReference, type ImageReference, InvalidReferenceError, isValidTag, parseReference } from './reference.js';
import { RegistryClient } from './registry.js';
import { attachSupplyChain, type SupplyChainResult } from './supply-chain.js';

export type Engine = 'auto' | 'assemble' | 'buildah' | 'buildx';

/** Everything a build needs, already merged from slipway.yml and the inputs. Paths are relative to `rt.cwd`. */
export interface BuildOptions {
  engine: Engine;
  /** Where to push, e.g. `ghcr.io/acme/support-bot[:tag]`; without it the image only goes to `layout`. */
  image?: string;
  /** Tags to put the manifest under (besides the reference's own tag); `latest` when there are none at all. */
  tags?: readonly string[];
  /** An OCI image layout folder to write (offline use, the demo). */
  layout?: string;
  base?: string;
  /** assemble: a folder laid out as the image's root, made into its own bottom layer. */
  rootfs?: string;
  app?: readonly CopySpec[];
  weights?: readonly CopySpec[];
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  ports?: string[];
  user?: string;
  workdir?: string;
  labels?: Record<string, string>;
  platform?: string;
  dockerfile?: string;
  context?: string;
  buildArgs?: Record<string, string>;
  username?: string;
  password?: string;
  /** Registries reached over plain HTTP (loopback ones always are). */
  insecureRegistries?: readonly string[];
  uploadMode?: 'auto' | 'monolithic' | 'chunked';
  chunkBytes?: number;
  concurrency?: number;
  /** Where weight-layer digests are remembered between builds (default `.slipway/cache/oci-layers.json`). */
  cacheFile?: string;
  /** Release id, artifact pointers' digest and eval report digest, written as labels and annotations. */
  releaseId?: string;
  artifactsDigest?: string;
  evalReportDigest?: string;
  /** Overrides for `org.opencontainers.image.{source,revision,created}`; found from the environment and git otherwise. */
  source?: string;
  revision?: string;
  created?: string;
  /** Attach an SPDX SBOM and SLSA provenance to pushed images (default true). */
  attest?: boolean;
  /** Sign pushed images with cosign when it is installed and a key or OIDC token is there (default true). */
  sign?: boolean;
  /** buildah storage (default under the temp dir). */
  buildahRoot?: string;
  exec?: Exec;
  /** The process environment (GITHUB_*, DOCKER_CONFIG, SOURCE_DATE_EPOCH); `process.env` by default. */
  processEnv?: NodeJS.ProcessEnv;
}

/** What a build produced, for outputs, the summary and the release record. */
export interface BuildResult {
  engine: Exclude<Engine, 'auto'>;
  /** `registry/repo@sha256:…` when pushed, else the layout path with the digest. */
  image: string;
  digest: string;
  tags: string[];
  layers: LayerReport[];
  bytes: { uploaded: number; skipped: number; mounted: number; read: number };
  /** The release record's `image` part. */
  releaseImage: { reference: string; digest: string };
  layout?: string;
  supplyChain?: SupplyChainResult;
  signature?: SignOutcome;
  created: string;
  labels: Record<string, string>;
}

/**
 * Builds the image with the chosen engine, pushes it and/or writes an OCI layout, sets the outputs
 * (`image`, `digest`, `tags`, `bytes-uploaded`, `bytes-skipped`, `bytes-mounted`) and writes a summary
 * listing each layer and what happened to it.
 */
export async function buildImage(rt: Runtime, options: BuildOptions): Promise<BuildResult> {
  const env = options.processEnv ?? process.env;
  const exec = options.exec ?? execFile;
  const target = options.image ? parseTarget(options.image) : undefined;
  if (!target && !options.layout)
    throw new InputError('image', 'is required (or set layout to write an OCI layout folder)', { hint: 'e.g. image: ghcr.io/acme/support-bot' });
  const tags = tagList(target, options.tags ?? []);
  const engine = await pickEngine(rt, options, exec);
  const meta = await provenanceMetadata(rt, options, env, exec);
  const labels: Record<string, string> = { ...options.labels, ...meta };
  const layoutDir = options.layout ? path.resolve(rt.cwd, options.layout) : undefined;

  let credentials: Awaited<ReturnType<typeof findCredentials>>;
  if (target) {
    credentials = await findCredentials(target.registry, {
      explicit: { ...(options.username ? { username: options.username } : {}), ...(options.password ? { password: options.password } : {}) },
      env,
    });
    if (credentials?.password) rt.setSecret(credentials.password);
    if (credentials?.identityToken) rt.setSecret(credentials.identityToken);
    if (credentials) rt.log.info(`registry ${target.registry}: credentials from ${credentials.source}`);
  }
  // A base in another registry is read with that registry's own credentials (Docker config, GITHUB_TOKEN), when there are any.
  const baseCredentials = new Map<string, NonNullable<typeof credentials>>();
  const baseRegistry = engine === 'assemble' && options.base && options.base !== 'scratch' ? safeRegistry(options.base) : undefined;
  if (baseRegistry && baseRegistry !== target?.registry) {
    const found = await findCredentials(baseRegistry, { env });
    if (found?.password) rt.setSecret(found.password);
    if (found?.identityToken) rt.setSecret(found.identityToken);
    if (found) baseCredentials.set(baseRegistry, found);
  }
  const clients = new Map<string, RegistryClient>();
  const client = (registry: string) => {
    let c = clients.get(registry);
    if (!c) {
      const creds = registry === target?.registry ? credentials : baseCredentials.get(registry);
      c = new RegistryClient({
        registry,
        log: rt.log,
        onSecret: (s) => rt.setSecret(s),
        ...(options.insecureRegistries ? { insecure: options.insecureRegistries } : {}),
        ...(creds ? { credentials: creds } : {}),
        ...(options.uploadMode ? { uploadMode: options.uploadMode } : {}),
        ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}),
      });
      clients.set(registry, c);
    }
    return c;
  };

  let digest: string;
  let layers: LayerReport[] = [];
  let bytes = { uploaded: 0, skipped: 0, mounted: 0, read: 0 };
  if (engine === 'assemble') {
    const result: AssembleResult = await assemble(
      {
        base: options.base ?? 'scratch',
        app: options.app ?? [],
        weights: options.weights ?? [],
        created: meta['org.opencontainers.image.created'] as string,
        labels,
        annotations: meta,
        ...pick(options, ['rootfs', 'entrypoint', 'cmd', 'env', 'ports', 'user', 'workdir', 'platform']),
      },
      {
        baseDir: rt.cwd,
        baseClient: client,
        cacheFile: path.resolve(rt.cwd, options.cacheFile ?? '.slipway/cache/oci-layers.json'),
        concurrency: options.concurrency ?? 4,
        ...(target ? { push: { client: client(target.registry), ref: target, tags } } : {}),
        ...(layoutDir ? { layout: { dir: layoutDir, tags } } : {}),
        onLayer: (l) => rt.log.debug(`${l.kind} ${l.name}: ${l.action} (${l.size} bytes)`),
      },
    );
    digest = result.digest;
    layers = result.layers;
    bytes = result.bytes;
  } else {
    const build = await dockerfileBuild(rt, options, labels, meta, target, tags, credentials, layoutDir);
    const log = (line: string) => rt.log.debug(line);
    if (engine === 'buildx') {
      digest = await buildxBuild(build, { exec, log, ghaCache: env.ACTIONS_RUNTIME_TOKEN ? { scope: 'slipway' } : false });
    } else {
      const root = options.buildahRoot ?? path.join(os.tmpdir(), 'slipway-buildah');
      digest = await buildahBuild(build, { exec, log, root: path.join(root, 'root'), runroot: path.join(root, 'run') });
    }
  }

  let supplyChain: SupplyChainResult | undefined;
  if (target && engine === 'assemble' && options.attest !== false) {
    supplyChain = await attachSupplyChain(client(target.registry), target, {
      digest,
      layers,
      labels,
      created: meta['org.opencontainers.image.created'] as string,
      env,
    });
  }
  const image = target ? formatReference({ registry: target.registry, repository: target.repository, digest }) : `${layoutDir}@${digest}`;
  let signature: SignOutcome | undefined;
  if (target && options.sign !== false) {
    const insecure = /^(localhost|127\.0\.0\.1)(:|$)/.test(target.registry) || (options.insecureRegistries ?? []).includes(target.registry);
    signature = await signImage({ exec, image, env, insecure });
    if (signature.signed) rt.log.info(`signed ${image} with cosign (${signature.mode})`);
    else rt.log.debug(`not signed: ${signature.reason}`);
  }
  const result: BuildResult = {
    engine,
    image,
    digest,
    tags,
    layers,
    bytes,
    releaseImage: { reference: target ? formatReference({ registry: target.registry, repository: target.repository }) : `oci:${layoutDir}`, digest },
    created: meta['org.opencontainers.image.created'] as string,
    labels,
    ...(layoutDir ? { layout: layoutDir } : {}),
    ...(supplyChain ? { supplyChain } : {}),
    ...(signature ? { signature } : {}),
  };
  rt.setOutput('image', image);
  rt.setOutput('digest', digest);
  rt.setOutput('tags', tags.join(','));
  rt.setOutput('bytes-uploaded', bytes.uploaded);
  rt.setOutput('bytes-skipped', bytes.skipped);
  rt.setOutput('bytes-mounted', bytes.mounted);
  await rt.appendSummary(summary(result));
  const pushed = target
    ? `: ${fmtBytes(bytes.uploaded)} uploaded, ${fmtBytes(bytes.skipped)} already there, ${fmtBytes(bytes.mounted)} mounted`
    : ' into the layout';
  rt.log.info(`built ${image} with ${engine}${pushed}`);
  return result;
}

function safeRegistry(reference: string): string | undefined {
  try {
    return parseReference(reference).registry;
  } catch {
    return undefined; // assemble reports a bad base reference with its own message
  }
}

function parseTarget(image: string): ImageReference {
  try {
    const ref = parseReference(image);
    if (ref.digest) throw new InvalidReferenceError(`"${image}": a push target cannot name a digest`);
    return ref;
  } catch (error) {
    if (error instanceof InvalidReferenceError)
      throw new InputError('image', error.message, { hint: 'write it as registry/repository[:tag], e.g. ghcr.io/acme/support-bot:v1' });
    throw error;
  }
}

function tagList(target: ImageReference | undefined, extra: readonly string[]): string[] {
  const tags = [...(target?.tag ? [target.tag] : []), ...extra.map((t) => t.trim()).filter(Boolean)];
  for (const t of tags)
    if (!isValidTag(t)) throw new InputError('tags', `"${t}" is not a valid tag`, { hint: 'letters, digits, _ . -; at most 128; not starting with . or -' });
  const unique = [...new Set(tags)];
  return unique.length > 0 ? unique : ['latest'];
}

async function pickEngine(rt: Runtime, options: BuildOptions, exec: Exec): Promise<Exclude<Engine, 'auto'>> {
  if (options.engine !== 'auto') return options.engine;
  if (!options.dockerfile) return 'assemble';
  if (await dockerDaemonAnswers(exec)) return 'buildx';
  rt.log.info('engine auto: no Docker daemon answered; building the Dockerfile with buildah');
  return 'buildah';
}

async function dockerfileBuild(
  rt: Runtime,
  options: BuildOptions,
  labels: Record<string, string>,
  meta: Record<string, string>,
  target: ImageReference | undefined,
  tags: readonly string[],
  credentials: Awaited<ReturnType<typeof findCredentials>>,
  layoutDir: string | undefined,
): Promise<DockerfileBuild> {
  const dockerfile = path.resolve(rt.cwd, options.dockerfile ?? 'Dockerfile');
  const context = path.resolve(rt.cwd, options.context ?? '.');
  if (!(await stat(dockerfile).catch(() => undefined))?.isFile()) {
    throw new InputError('dockerfile', `${path.relative(rt.cwd, dockerfile) || dockerfile} does not exist`, {
      hint: 'set build.dockerfile to your Dockerfile, or use engine: assemble',
    });
  }
  if (!(await stat(context).catch(() => undefined))?.isDirectory()) {
    throw new InputError('context', `${path.relative(rt.cwd, context) || context} is not a folder`, {
      hint: 'set build.context to the folder the Dockerfile copies from',
    });
  }
  const timestamp = Math.floor(Date.parse(meta['org.opencontainers.image.created'] as string) / 1000);
  return {
    dockerfile,
    context,
    labels,
    timestamp,
    ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
    ...(target
      ? {
          push: {
            ref: target,
            tags,
            insecure: /^(localhost|127\.0\.0\.1)(:|$)/.test(target.registry) || (options.insecureRegistries ?? []).includes(target.registry),
            ...(credentials ? { credentials } : {}),
          },
        }
      : {}),
    ...(layoutDir ? { layout: { dir: layoutDir, tags } } : {}),
  };
}

/** `org.opencontainers.image.*` and Slipway's own labels; `created` is the commit time so rebuilds match. */
async function provenanceMetadata(rt: Runtime, options: BuildOptions, env: NodeJS.ProcessEnv, exec: Exec): Promise<Record<string, string>> {
  const meta: Record<string, string> = {};
  let created = options.created;
  if (!created && env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH)) created = new Date(Number(env.SOURCE_DATE_EPOCH) * 1000).toISOString();
  if (!created) {
    const git = await exec('git', ['-C', rt.cwd, 'log', '-1', '--format=%ct']);
    if (git.code === 0 && /^\d+$/.test(git.stdout.trim())) created = new Date(Number(git.stdout.trim()) * 1000).toISOString();
  }
  if (!created) {
    rt.log.warn('no commit time found (not a git checkout, no SOURCE_DATE_EPOCH): `created` is set to the epoch so the digest stays reproducible');
    created = new Date(0).toISOString();
  }
  if (Number.isNaN(Date.parse(created))) throw new InputError('created', `"${created}" is not an RFC 3339 time`, { hint: 'e.g. 2026-01-31T12:00:00Z' });
  meta['org.opencontainers.image.created'] = new Date(created).toISOString().replace(/\.000Z$/, 'Z');
  const source = options.source ?? (env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined);
  if (source) meta['org.opencontainers.image.source'] = source;
  let revision = options.revision ?? env.GITHUB_SHA;
  if (!revision) {
    const git = await exec('git', ['-C', rt.cwd, 'rev-parse', 'HEAD']);
    if (git.code === 0) revision = git.stdout.trim();
  }
  if (revision) meta['org.opencontainers.image.revision'] = revision;
  if (options.releaseId) meta['dev.slipway.release.id'] = options.releaseId;
  const artifacts = options.artifactsDigest ?? (await pointersDigest(options.weights ?? [], rt.cwd));
  if (artifacts) meta['dev.slipway.artifacts.digest'] = artifacts;
  if (options.evalReportDigest) meta['dev.slipway.eval.report-digest'] = options.evalReportDigest;
  return meta;
}

/**
 * The digest of artifact-sync's pointers for the weights (`<path>.dvc` beside a weight file or
 * folder, and any inside a folder), so the image says which versioned artifacts it holds.
 */
async function pointersDigest(weights: readonly CopySpec[], cwd: string): Promise<string | undefined> {
  const found = new Map<string, string>();
  for (const w of weights) {
    const source = path.resolve(cwd, w.source);
    const beside = await readFile(`${source.replace(/\/+$/, '')}.dvc`, 'utf8').catch(() => undefined);
    if (beside !== undefined) found.set(`${path.basename(source)}.dvc`, beside);
    const entries = await readdir(source, { recursive: true }).catch(() => [] as string[]);
    for (const e of entries.filter((n) => n.endsWith('.dvc')).sort())
      found.set(path.join(path.basename(source), e), await readFile(path.join(source, e), 'utf8'));
  }
  if (found.size === 0) return undefined;
  const hash = createHash('sha256');
  for (const [name, text] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${name}\0${text}\0`);
  return `sha256:${hash.digest('hex')}`;
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function summary(r: BuildResult): string {
  const rows = r.layers.map((l) => [l.kind, escapeMarkdown(l.name), `\`${l.digest.slice(0, 19)}\``, fmtBytes(l.size), l.action, l.read ? 'yes' : 'no']);
  const table = rows.length
    ? markdownTable(['layer', 'name', 'digest', 'size', 'what happened', 'read from disk'], rows, ['left', 'left', 'left', 'right', 'left', 'left'])
    : '_layers are listed for the assemble engine only_';
  const signed = r.signature?.signed ? ` Signed with cosign (${r.signature.mode}).` : r.signature ? ` Not signed: ${escapeMarkdown(r.signature.reason)}.` : '';
  const supply = r.supplyChain
    ? `\n\nSBOM and provenance attached as ${r.supplyChain.mode === 'referrers' ? 'OCI referrers' : `the \`${escapeMarkdown(r.supplyChain.tag)}\` tag`}.`
    : '';
  return `### Container image (${r.engine})\n\n\`${escapeMarkdown(r.image)}\`, tags ${r.tags.map((t) => `\`${escapeMarkdown(t)}\``).join(', ')}\n\n${table}\n\nUploaded ${fmtBytes(r.bytes.uploaded)}, skipped ${fmtBytes(r.bytes.skipped)} (already in the registry), mounted ${fmtBytes(r.bytes.mounted)}, read ${fmtBytes(r.bytes.read)} from disk.${supply}${signed}\n`;
}

/** Bytes in binary units, one decimal. */
export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}
