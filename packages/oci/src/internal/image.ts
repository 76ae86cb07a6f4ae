import { createHash } from 'node:crypto';

export const MEDIA = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layerTar: 'application/vnd.oci.image.layer.v1.tar',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  emptyJson: 'application/vnd.oci.empty.v1+json',
} as const;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
  platform?: { architecture: string; os: string; variant?: string };
}

/** The runtime part of an image config, as the OCI image spec names it. */
export interface RuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  Labels?: Record<string, string>;
}

export interface ImageConfig {
  created: string;
  architecture: string;
  os: string;
  variant?: string;
  config: RuntimeConfig;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history: { created: string; created_by: string; comment?: string; empty_layer?: boolean }[];
}

export interface Manifest {
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** JSON with keys sorted at every level: the same object always gives the same bytes and digest. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(sortKeys(value)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A descriptor of in-memory JSON (config, manifest) with its bytes. */
export function jsonBlob(mediaType: string, value: unknown): { descriptor: Descriptor; bytes: Buffer } {
  const bytes = canonicalBytes(value);
  return { descriptor: { mediaType, digest: sha256(bytes), size: bytes.length }, bytes };
}

/** `linux/amd64/v8` → its parts; node's names (x64) mapped to OCI's (amd64). */
export function parsePlatform(text: string | undefined): { os: string; architecture: string; variant?: string } {
  const host = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', ia32: '386' }[process.arch as string] ?? process.arch;
  if (!text) return { os: 'linux', architecture: host };
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new Error(`platform "${text}" is not os/architecture[/variant], e.g. linux/amd64`);
  return variant ? { os, architecture, variant } : { os, architecture };
}
