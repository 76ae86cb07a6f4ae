import { mapLimit, UserError } from '@slipway/kit';
import { type Descriptor, type ImageConfig, jsonBlob, type Manifest, MEDIA, parsePlatform, type RuntimeConfig } from './image.js';
import { type CopySpec, LayerCache, MissingSourceError, type PlannedLayer, planAppLayer, planRootfsLayer, planWeightLayers } from './layers.js';
import { OciLayout } from './layout.js';
import { formatReference, type ImageReference, parseReference } from './reference.js';
import type { BlobSource, RegistryClient } from './registry.js';

/** What an image is made of, engine-independent. */
export interface ImageSpec {
  /** `scratch` (nothing) or a reference to an image whose layers go underneath. */
  base: string;
  /** A folder laid out as the image's root, made into one layer under the app (above `base`'s layers). */
  rootfs?: string;
  app: readonly CopySpec[];
  weights: readonly CopySpec[];
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  ports?: string[];
  user?: string;
  workdir?: string;
  labels?: Record<string, string>;
  /** Manifest annotations (the OCI `org.opencontainers.image.*` set goes here and into labels). */
  annotations?: Record<string, string>;
  platform?: string;
  /** RFC 3339 time written as `created`: the commit time, never the clock. */
  created: string;
}

/** What happened to one layer. */
export interface LayerReport {
  kind: 'base' | 'app' | 'weight' | 'config';
  name: string;
  digest: string;
  size: number;
  /** `uploaded`, `skipped` (the registry had it), `mounted` (linked from another repository), `copied` (streamed from the base's registry), `written` (layout only). */
  action: 'uploaded' | 'skipped' | 'mounted' | 'copied' | 'written' | 'present';
  /** Whether its files were read from disk to compute the digest. */
  read: boolean;
  /** The files it holds (paths in the image), with where they came from. */
  files?: { path: string; size: number; source?: string }[];
}

export interface AssembleTargets {
  /** Push here: a client for the target registry and the repository. */
  push?: { client: RegistryClient; ref: ImageReference; tags: readonly string[] };
  /** Write an OCI layout folder here, under these tags. */
  layout?: { dir: string; tags: readonly string[] };
  /** A client that can read the base image (the target's when the base lives there too). */
  baseClient?: (registry: string) => RegistryClient;
  cacheFile?: string;
  concurrency?: number;
  baseDir: string;
  onLayer?: (layer: LayerReport) => void;
}

export interface AssembleResult {
  digest: string;
  manifest: Manifest;
  manifestBytes: Buffer;
  config: ImageConfig;
  layers: LayerReport[];
  bytes: { uploaded: number; skipped: number; mounted: number; read: number };
}

interface BaseImage {
  ref?: ImageReference;
  layers: Descriptor[];
  config?: Partial<ImageConfig>;
  digest?: string;
}

/**
 * The assemble engine: base layers (never downloaded when the target has or can mount them), one
 * app layer, one layer per weight file, then config and manifest written directly. Blobs go up in
 * parallel; the manifest goes up last, by digest, and only then under its tags, so a failure leaves
 * nothing tagged.
 */
export async function assemble(spec: ImageSpec, targets: AssembleTargets): Promise<AssembleResult> {
  const concurrency = targets.concurrency ?? 4;
  const base = await resolveBase(spec, targets);
  const cache = new LayerCache(targets.cacheFile);
  await cache.load();

  const planned: PlannedLayer[] = [];
  try {
    if (spec.rootfs) planned.push(await planRootfsLayer(spec.rootfs, targets.baseDir));
    const app = await planAppLayer(spec.app, targets.baseDir);
    if (app) planned.push(app);
    planned.push(...(await planWeightLayers(spec.weights, targets.baseDir)));
  } catch (error) {
    if (error instanceof MissingSourceError) {
      throw new UserError(`build: file to copy into the image ${error.message}`, {
        hint: 'fix the path in build.rootfs / build.app / build.weights (relative to slipway.yml)',
      });
    }
    if (error instanceof Error && /invalid path in layer/.test(error.message))
      throw new UserError(`build: ${error.message}`, { hint: 'destinations must stay inside the image' });
    throw error;
  }

  let read = 0;
  await mapLimit(planned, concurrency, async (layer) => {
    if (layer.kind === 'weight') await cache.resolve(layer);
    if (layer.digest) return;
    layer.digest = await layer.tar.digest();
    layer.digestSource = 'hashed';
    read += layer.tar.size;
    if (layer.kind === 'weight') cache.remember(layer);
  });
  await cache.save();

  const platform = parsePlatform(spec.platform);
  const ours: Descriptor[] = planned.map((l) => ({ mediaType: MEDIA.layerTar, digest: l.digest as string, size: l.tar.size }));
  const config = imageConfig(spec, base, planned, platform);
  const configBlob = jsonBlob(MEDIA.config, config);
  const annotations: Record<string, string> = { 'org.opencontainers.image.created': spec.created, ...spec.annotations };
  if (base.ref && base.digest) {
    annotations['org.opencontainers.image.base.name'] = formatReference({
      registry: base.ref.registry,
      repository: base.ref.repository,
      ...(base.ref.tag ? { tag: base.ref.tag } : {}),
    });
    annotations['org.opencontainers.image.base.digest'] = base.digest;
  }
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: configBlob.descriptor,
    layers: [...base.layers, ...ours],
    annotations,
  };
  const manifestBlob = jsonBlob(MEDIA.manifest, manifest);

  const reports: LayerReport[] = [];
  const bytes = { uploaded: 0, skipped: 0, mounted: 0, read };
  const report = (r: LayerReport) => {
    reports.push(r);
    targets.onLayer?.(r);
  };

  if (targets.push) {
    const { client, ref } = targets.push;
    const repo = ref.repository;
    const jobs: (() => Promise<void>)[] = [];
    for (const d of base.layers) {
      jobs.push(async () => {
        const size = await client.blobSize(repo, d.digest);
        if (size !== undefined) {
          bytes.skipped += d.size;
          return report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'skipped', read: false });
        }
        if (base.ref && base.ref.registry === ref.registry && (await client.mountBlob(repo, d.digest, base.ref.repository))) {
          bytes.mounted += d.size;
          return report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'mounted', read: false });
        }
        if (!base.ref || !targets.baseClient) throw new Error(`base layer ${d.digest} has no registry to come from`);
        // Another registry, or a mount refused: the layer streams through, never touching the disk.
        const from = targets.baseClient(base.ref.registry);
        const source = base.ref;
        await client.uploadBlob(repo, { digest: d.digest, size: d.size, read: (offset) => streamFrom(from, source.repository, d.digest, offset) });
        bytes.uploaded += d.size;
        return report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'copied', read: false });
      });
    }
    for (const l of planned) {
      jobs.push(async () => {
        const digest = l.digest as string;
        const r: LayerReport = {
          kind: l.kind,
          name: l.name,
          digest,
          size: l.tar.size,
          action: 'skipped',
          read: l.digestSource === 'hashed',
          files: filesOf(l),
        };
        if ((await client.blobSize(repo, digest)) !== undefined) {
          bytes.skipped += l.tar.size;
          return report(r);
        }
        const sent = await client.uploadBlob(repo, tarSource(l, digest));
        bytes.uploaded += sent;
        r.read = true;
        r.action = 'uploaded';
        report(r);
      });
    }
    jobs.push(async () => {
      const d = configBlob.descriptor;
      if ((await client.blobSize(repo, d.digest)) === undefined) {
        await client.uploadBlob(repo, bufferSource(d.digest, configBlob.bytes));
        bytes.uploaded += d.size;
      }
    });
    await mapLimit(jobs, concurrency, (job) => job());
    await client.putManifest(repo, manifestBlob.descriptor.digest, manifestBlob.bytes, MEDIA.manifest);
    for (const tag of targets.push.tags) await client.putManifest(repo, tag, manifestBlob.bytes, MEDIA.manifest);
  }

  if (targets.layout) {
    const layout = new OciLayout(targets.layout.dir);
    for (const d of base.layers) {
      if (!(await layout.has(d.digest, d.size))) {
        if (!base.ref || !targets.baseClient) throw new Error(`base layer ${d.digest} is needed for the layout but no registry can serve it`);
        await layout.writeBlob(d.digest, d.size, await targets.baseClient(base.ref.registry).getBlob(base.ref.repository, d.digest));
      }
      if (!targets.push) report({ kind: 'base', name: shortName(d), digest: d.digest, size: d.size, action: 'written', read: false });
    }
    await mapLimit(planned, concurrency, async (l) => {
      const digest = l.digest as string;
      const present = await layout.has(digest, l.tar.size);
      if (!present) await layout.writeBlob(digest, l.tar.size, l.tar.chunks());
      if (!targets.push) {
        report({
          kind: l.kind,
          name: l.name,
          digest,
          size: l.tar.size,
          action: present ? 'present' : 'written',
          read: !present || l.digestSource === 'hashed',
          files: filesOf(l),
        });
      }
    });
    await layout.writeBlob(configBlob.descriptor.digest, configBlob.descriptor.size, configBlob.bytes);
    await layout.writeBlob(manifestBlob.descriptor.digest, manifestBlob.descriptor.size, manifestBlob.bytes);
    for (const tag of targets.layout.tags) await layout.tag(manifestBlob.descriptor, tag);
  }

  const order = new Map([...base.layers.map((d) => d.digest), ...planned.map((l) => l.digest as string)].map((d, i) => [d, i]));
  reports.sort((a, b) => (order.get(a.digest) ?? 0) - (order.get(b.digest) ?? 0));
  return { digest: manifestBlob.descriptor.digest, manifest, manifestBytes: manifestBlob.bytes, config, layers: reports, bytes };
}

function filesOf(l: PlannedLayer): NonNullable<LayerReport['files']> {
  return l.tar.entries.flatMap((e) => (e.type === 'file' ? [{ path: e.path, size: e.size, ...('file' in e.source ? { source: e.source.file } : {}) }] : []));
}

function shortName(d: Descriptor): string {
  return `base ${d.digest.slice(7, 19)}`;
}

function tarSource(layer: PlannedLayer, digest: string): BlobSource {
  return {
    digest,
    size: layer.tar.size,
    read: (offset) => skip(layer.tar.chunks(), offset),
  };
}

function bufferSource(digest: string, data: Buffer): BlobSource {
  return {
    digest,
    size: data.length,
    read: (offset) =>
      (async function* () {
        yield data.subarray(offset);
      })(),
  };
}

async function* streamFrom(client: RegistryClient, repository: string, digest: string, offset: number): AsyncGenerator<Buffer> {
  yield* skip(await client.readBlob(repository, digest), offset);
}

async function* skip(source: AsyncIterable<Buffer>, offset: number): AsyncGenerator<Buffer> {
  let left = offset;
  for await (const c of source) {
    if (left >= c.length) {
      left -= c.length;
      continue;
    }
    yield left > 0 ? c.subarray(left) : c;
    left = 0;
  }
}

async function resolveBase(spec: ImageSpec, targets: AssembleTargets): Promise<BaseImage> {
  if (spec.base === 'scratch' || spec.base === '') return { layers: [] };
  let ref: ImageReference;
  try {
    ref = parseReference(spec.base);
  } catch (error) {
    throw new UserError(`build.base: ${(error as Error).message}`, { hint: 'write it as registry/repository:tag or @sha256:…, or `scratch`' });
  }
  if (!targets.baseClient) throw new UserError(`build.base "${spec.base}" needs a registry, but none can be reached here`);
  const client = targets.baseClient(ref.registry);
  const wanted = parsePlatform(spec.platform);
  let manifest = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? 'latest');
  if (!manifest) {
    throw new UserError(`build.base: ${formatReference(ref)} does not exist`, {
      hint: 'check the name and tag, or push the base image to that registry first',
    });
  }
  if (manifest.mediaType === MEDIA.index || manifest.mediaType === MEDIA.dockerList) {
    const index = JSON.parse(manifest.body.toString('utf8')) as { manifests: Descriptor[] };
    const pick = index.manifests.find((m) => m.platform?.os === wanted.os && m.platform.architecture === wanted.architecture);
    if (!pick)
      throw new UserError(`build.base: ${formatReference(ref)} has no ${wanted.os}/${wanted.architecture} image`, { hint: 'set build.platform to one it has' });
    manifest = await client.getManifest(ref.repository, pick.digest);
    if (!manifest) throw new UserError(`build.base: ${formatReference(ref)} lists ${pick.digest}, which the registry does not have`);
  }
  const parsed = JSON.parse(manifest.body.toString('utf8')) as Manifest;
  const config = JSON.parse((await client.getBlob(ref.repository, parsed.config.digest)).toString('utf8')) as Partial<ImageConfig>;
  const layers = parsed.layers.map((l) => ({ mediaType: dockerToOci(l.mediaType), digest: l.digest, size: l.size }));
  return { ref, layers, config, digest: manifest.digest };
}

function dockerToOci(mediaType: string): string {
  if (mediaType === 'application/vnd.docker.image.rootfs.diff.tar.gzip') return MEDIA.layerGzip;
  return mediaType;
}

function imageConfig(
  spec: ImageSpec,
  base: BaseImage,
  layers: readonly PlannedLayer[],
  platform: { os: string; architecture: string; variant?: string },
): ImageConfig {
  const inherited: RuntimeConfig = base.config?.config ?? {};
  const env = new Map<string, string>();
  for (const e of inherited.Env ?? []) {
    const eq = e.indexOf('=');
    env.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
  }
  for (const [k, v] of Object.entries(spec.env ?? {})) env.set(k, v);
  const runtime: RuntimeConfig = { ...inherited };
  if (env.size > 0) runtime.Env = [...env].map(([k, v]) => `${k}=${v}`);
  if (spec.entrypoint) {
    runtime.Entrypoint = spec.entrypoint;
    if (!spec.cmd) delete runtime.Cmd;
  }
  if (spec.cmd) runtime.Cmd = spec.cmd;
  if (spec.user) runtime.User = spec.user;
  if (spec.workdir) runtime.WorkingDir = spec.workdir;
  if (spec.ports?.length) {
    runtime.ExposedPorts = { ...inherited.ExposedPorts };
    for (const p of spec.ports) runtime.ExposedPorts[p.includes('/') ? p : `${p}/tcp`] = {};
  }
  const labels = { ...inherited.Labels, ...spec.labels };
  if (Object.keys(labels).length > 0) runtime.Labels = labels;
  const history = [
    ...(base.config?.history ?? []),
    ...layers.map((l) => ({
      created: spec.created,
      created_by: l.kind === 'app' ? 'slipway assemble: app files' : l.kind === 'base' ? 'slipway assemble: rootfs' : `slipway assemble: weight ${l.name}`,
      comment: 'slipway',
    })),
  ];
  return {
    created: spec.created,
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: runtime,
    rootfs: { type: 'layers', diff_ids: [...(base.config?.rootfs?.diff_ids ?? []), ...layers.map((l) => l.digest as string)] },
    history,
  };
}
