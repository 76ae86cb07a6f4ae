/** An image reference split into the parts the distribution API needs. */
export interface ImageReference {
  /** Host (and port) as written, e.g. `ghcr.io`, `localhost:5000`; Docker Hub is `docker.io`. */
  registry: string;
  /** Repository path, e.g. `acme/support-bot` (`library/…` added for Docker Hub's short names). */
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

/** Thrown for a reference that does not follow the grammar; the message says which part is wrong. */
export class InvalidReferenceError extends Error {
  override name = 'InvalidReference';
}

/**
 * Parses `[host[:port]/]path[:tag][@sha256:…]` the way docker does: the first component is a host
 * when it holds a dot or a colon or is `localhost`; otherwise the image lives on Docker Hub.
 */
export function parseReference(text: string): ImageReference {
  const input = text.trim();
  if (input === '') throw new InvalidReferenceError('an image reference is empty');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InvalidReferenceError(`"${input}": digest "${digest}" is not sha256:<64 lowercase hex digits>`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      throw new InvalidReferenceError(`"${input}": tag "${tag}" is not valid (letters, digits, _ . -, at most 128, not starting with . or -)`);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
    if (!HOST.test(registry)) throw new InvalidReferenceError(`"${input}": registry host "${registry}" is not a valid host[:port]`);
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  for (const p of parts) {
    if (!COMPONENT.test(p)) {
      throw new InvalidReferenceError(`"${input}": repository component "${p}" must be lowercase letters and digits, separated by . _ __ or -`);
    }
  }
  const repository = parts.join('/');
  if (repository.length > 255) throw new InvalidReferenceError(`"${input}": repository name is longer than 255 characters`);
  const ref: ImageReference = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `host/repo[:tag][@digest]`, the canonical text of a reference. */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The host the HTTP API answers on (Docker Hub's API host differs from its name). */
export function apiHost(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}

/** Loopback registries speak plain HTTP; everything else HTTPS unless listed as insecure. */
export function registryBaseUrl(registry: string, insecure: readonly string[] = []): string {
  const host = apiHost(registry);
  const bare = host.replace(/:\d+$/, '');
  const plain = insecure.includes(host) || bare === 'localhost' || bare === '127.0.0.1' || bare === '[::1]';
  return `${plain ? 'http' : 'https'}://${host}`;
}

/** True when `tag` is a valid tag. */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}
