import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { LayerReport } from './assemble.js';
import { canonicalBytes, type Descriptor, jsonBlob, type Manifest, MEDIA, sha256 } from './image.js';
import { formatReference, type ImageReference } from './reference.js';
import type { RegistryClient } from './registry.js';

export const SPDX_TYPE = 'application/spdx+json';
export const INTOTO_TYPE = 'application/vnd.in-toto+json';
const EMPTY = Buffer.from('{}');
/** App files bigger than this are listed in the SBOM without reading them for checksums. */
const CHECKSUM_LIMIT = 64 * 1024 * 1024;

export interface SupplyChainResult {
  /** `referrers` when the registry indexes subjects itself, `tag` when we keep the `sha256-<hex>` index. */
  mode: 'referrers' | 'tag';
  tag: string;
  sbom: string;
  provenance: string;
}

interface ImageFacts {
  digest: string;
  layers: readonly LayerReport[];
  labels: Record<string, string>;
  created: string;
  env: NodeJS.ProcessEnv;
}

/** An SPDX 2.3 document: the image, each layer as a package, the app's files with SHA-1 and SHA-256. */
export async function spdxDocument(ref: ImageReference, image: ImageFacts): Promise<object> {
  const name = formatReference({ registry: ref.registry, repository: ref.repository });
  const packages: object[] = [
    {
      SPDXID: 'SPDXRef-Image',
      name,
      versionInfo: image.digest,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'CONTAINER',
      checksums: [{ algorithm: 'SHA256', checksumValue: image.digest.slice(7) }],
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: `pkg:oci/${ref.repository.split('/').at(-1)}@${encodeURIComponent(image.digest)}?repository_url=${encodeURIComponent(name)}`,
        },
      ],
    },
  ];
  const files: object[] = [];
  const relationships: object[] = [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' }];
  let n = 0;
  for (const layer of image.layers) {
    const id = `SPDXRef-Layer-${layer.digest.slice(7, 23)}`;
    packages.push({
      SPDXID: id,
      name: layer.kind === 'weight' ? `model weight ${layer.name}` : layer.kind === 'app' ? 'application files' : layer.name,
      versionInfo: layer.digest,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: layer.kind === 'app' ? 'APPLICATION' : layer.kind === 'weight' ? 'OTHER' : 'OPERATING-SYSTEM',
      checksums: [{ algorithm: 'SHA256', checksumValue: layer.digest.slice(7) }],
    });
    relationships.push({ spdxElementId: 'SPDXRef-Image', relationshipType: 'CONTAINS', relatedSpdxElement: id });
    if (layer.kind !== 'app') continue;
    for (const f of layer.files ?? []) {
      if (!f.source || f.size > CHECKSUM_LIMIT) continue;
      const fileId = `SPDXRef-File-${++n}`;
      const [sha1, sha256hex] = await fileChecksums(f.source);
      files.push({
        SPDXID: fileId,
        fileName: `/${f.path}`,
        checksums: [
          { algorithm: 'SHA1', checksumValue: sha1 },
          { algorithm: 'SHA256', checksumValue: sha256hex },
        ],
      });
      relationships.push({ spdxElementId: id, relationshipType: 'CONTAINS', relatedSpdxElement: fileId });
    }
  }
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${name}@${image.digest}`,
    documentNamespace: `https://slipway.dev/spdx/${image.digest.slice(7)}`,
    creationInfo: { created: image.created, creators: ['Tool: slipway-container-build'] },
    packages,
    files,
    relationships,
  };
}

/** A SLSA v1 provenance statement (in-toto v1) for the image. */
export function provenanceStatement(ref: ImageReference, image: ImageFacts): object {
  const env = image.env;
  const source = image.labels['org.opencontainers.image.source'];
  const revision = image.labels['org.opencontainers.image.revision'];
  const runUrl =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: formatReference({ registry: ref.registry, repository: ref.repository }), digest: { sha256: image.digest.slice(7) } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://slipway.dev/container-build/assemble/v1',
        externalParameters: { labels: image.labels },
        resolvedDependencies: [
          ...(source && revision ? [{ uri: `git+${source}@${revision}`, digest: { gitCommit: revision } }] : []),
          ...image.layers.filter((l) => l.kind === 'base').map((l) => ({ uri: l.name, digest: { sha256: l.digest.slice(7) } })),
        ],
      },
      runDetails: {
        builder: { id: env.GITHUB_WORKFLOW_REF ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_WORKFLOW_REF}` : 'https://slipway.dev/cli' },
        metadata: { ...(runUrl ? { invocationId: runUrl } : {}), startedOn: image.created },
      },
    },
  };
}

/**
 * Pushes the SBOM and the provenance as artifacts whose `subject` is the image. When the registry
 * has no referrers API, the `sha256-<hex>` tag holds an index of them (the fallback scheme of the
 * distribution spec), merged with what is already there.
 */
export async function attachSupplyChain(client: RegistryClient, ref: ImageReference, image: ImageFacts): Promise<SupplyChainResult> {
  const repo = ref.repository;
  const manifest = await client.getManifest(repo, image.digest);
  if (!manifest) throw new Error(`image ${image.digest} vanished before its SBOM could be attached`);
  const subject: Descriptor = { mediaType: MEDIA.manifest, digest: image.digest, size: manifest.body.length };
  const emptyDigest = sha256(EMPTY);
  if ((await client.blobSize(repo, emptyDigest)) === undefined) await client.uploadBlob(repo, memorySource(EMPTY));
  const artifacts: { type: string; body: Buffer }[] = [
    { type: SPDX_TYPE, body: canonicalBytes(await spdxDocument(ref, image)) },
    { type: INTOTO_TYPE, body: canonicalBytes(provenanceStatement(ref, image)) },
  ];
  const pushed: Descriptor[] = [];
  for (const a of artifacts) {
    const blob = memorySource(a.body);
    if ((await client.blobSize(repo, blob.digest)) === undefined) await client.uploadBlob(repo, blob);
    const m: Manifest = {
      schemaVersion: 2,
      mediaType: MEDIA.manifest,
      artifactType: a.type,
      config: { mediaType: MEDIA.emptyJson, digest: emptyDigest, size: EMPTY.length },
      layers: [{ mediaType: a.type, digest: blob.digest, size: blob.size }],
      subject,
      annotations: { 'org.opencontainers.image.created': image.created },
    };
    const { descriptor, bytes } = jsonBlob(MEDIA.manifest, m);
    await client.putManifest(repo, descriptor.digest, bytes, MEDIA.manifest);
    pushed.push({ ...descriptor, artifactType: a.type, annotations: { 'org.opencontainers.image.created': image.created } });
  }
  const tag = `sha256-${image.digest.slice(7)}`;
  const [sbom, provenance] = pushed.map((d) => d.digest) as [string, string];
  if (await client.hasReferrersApi(repo, image.digest)) return { mode: 'referrers', tag, sbom, provenance };
  const existing = await client.getManifest(repo, tag);
  const previous = existing ? ((JSON.parse(existing.body.toString('utf8')) as { manifests?: Descriptor[] }).manifests ?? []) : [];
  const keep = previous.filter((d) => !pushed.some((p) => p.artifactType === d.artifactType));
  const index = jsonBlob(MEDIA.index, { schemaVersion: 2, mediaType: MEDIA.index, manifests: [...keep, ...pushed] });
  await client.putManifest(repo, tag, index.bytes, MEDIA.index);
  return { mode: 'tag', tag, sbom, provenance };
}

function memorySource(data: Buffer): { digest: string; size: number; read: (offset: number) => AsyncIterable<Buffer> } {
  return {
    digest: sha256(data),
    size: data.length,
    read: (offset) =>
      (async function* () {
        yield data.subarray(offset);
      })(),
  };
}

async function fileChecksums(file: string): Promise<[string, string]> {
  const a = createHash('sha1');
  const b = createHash('sha256');
  for await (const c of createReadStream(file)) {
    a.update(c as Buffer);
    b.update(c as Buffer);
  }
  return [a.digest('hex'), b.digest('hex')];
}
