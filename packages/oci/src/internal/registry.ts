import { createHash } from 'node:crypto';
import { HttpError, type Logger, retry, UserError } from '@slipway/kit';
import { type Credentials, parseChallenge } from './credentials.js';
import { type Body, type HttpResponse, header, openStream, send } from './http.js';
import { registryBaseUrl } from './reference.js';

/** A blob to upload: its digest and size are known before a byte is sent. */
export interface BlobSource {
  digest: string;
  size: number;
  /** The bytes from `offset` on (resume starts in the middle). */
  read(offset: number): AsyncIterable<Buffer>;
}

export interface RegistryClientOptions {
  /** Registry host as in the reference (`localhost:5000`, `ghcr.io`). */
  registry: string;
  /** Hosts to reach over plain HTTP besides loopback ones. */
  insecure?: readonly string[];
  /** Where the API answers, when it is not `https://<registry>` (a mirror, a test double). */
  baseUrl?: string;
  credentials?: Credentials;
  log?: Logger;
  /** Called with every token the client receives, so the runtime can mask it. */
  onSecret?: (value: string) => void;
  /** Largest PATCH body; ghcr.io refuses more than 4 MiB. Set for every registry by `uploadMode: 'chunked'`. */
  maxChunkBytes?: number;
  /** `chunked` sends PATCH requests of `chunkBytes`; `monolithic` one PUT; `auto` chunks on ghcr.io only. */
  uploadMode?: 'auto' | 'monolithic' | 'chunked';
  chunkBytes?: number;
}

/** A registry said no in a way the user must fix (credentials, permissions, a missing image). */
export class RegistryError extends UserError {
  override name = 'RegistryError';
}

const SINGLE_POST_MAX = 1024 * 1024;
const GHCR_MAX_CHUNK = 4 * 1024 * 1024;
const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/**
 * A client for one registry, speaking the OCI distribution API: token and basic auth from the
 * registry's challenge, blob existence checks, cross-repository mounts, uploads (single POST,
 * POST then PUT, or chunked PATCH with resume), manifests by tag or digest.
 */
export class RegistryClient {
  readonly base: string;
  private readonly tokens = new Map<string, string>();
  private challenge: { scheme: string; params: Record<string, string> } | undefined;
  /** Learned from the first answer: false once the registry ignored a single-request upload. */
  private singlePost: boolean | undefined;

  constructor(private readonly options: RegistryClientOptions) {
    this.base = options.baseUrl?.replace(/\/+$/, '') ?? registryBaseUrl(options.registry, options.insecure);
  }

  /** The size of a blob the repository already has, or undefined. */
  async blobSize(repository: string, digest: string): Promise<number | undefined> {
    const res = await this.call({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}` }, [repository], 'pull');
    if (res.status === 404) return undefined;
    this.expect(res, [200], `HEAD blob ${digest} in ${repository}`);
    const len = Number(header(res, 'content-length'));
    return Number.isFinite(len) ? len : 0;
  }

  /** Asks the registry to link a blob from another repository; true when it did (201). */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const res = await this.call(
      { method: 'POST', path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` },
      [repository, from],
      'push',
    );
    if (res.status === 201) return true;
    this.expect(res, [202], `mount ${digest} from ${from}`);
    // A 202 opened an upload session we will not use; cancel it so it does not linger.
    const location = header(res, 'location');
    if (location) await this.call({ method: 'DELETE', url: this.resolve(location) }, [repository], 'push').catch(() => undefined);
    return false;
  }

  /** Uploads a blob and checks the digest the registry computed. Returns the bytes sent. */
  async uploadBlob(repository: string, blob: BlobSource): Promise<number> {
    const path = `/v2/${repository}/blobs/uploads/`;
    const mode = this.uploadMode();
    if (mode === 'monolithic' && blob.size <= SINGLE_POST_MAX && this.singlePost !== false) {
      const data = await collect(blob.read(0), blob.size);
      const res = await this.call(
        { method: 'POST', path: `${path}?digest=${encodeURIComponent(blob.digest)}`, headers: { 'content-type': 'application/octet-stream' }, body: data },
        [repository],
        'push',
      );
      if (res.status === 201) {
        this.singlePost = true;
        this.checkDigest(res, blob.digest);
        return data.length;
      }
      this.expect(res, [202], `upload ${blob.digest}`);
      this.singlePost = false;
      return data.length + (await this.finish(repository, this.location(res), blob, data));
    }
    const res = await this.call({ method: 'POST', path }, [repository], 'push');
    this.expect(res, [202], `start upload of ${blob.digest}`);
    const location = this.location(res);
    if (mode === 'chunked') return this.uploadChunks(repository, location, blob, Number(header(res, 'oci-chunk-min-length') ?? 0));
    return this.finish(repository, location, blob);
  }

  /** PUT of the whole blob to an open upload session. */
  private async finish(repository: string, location: string, blob: BlobSource, data?: Buffer): Promise<number> {
    const res = await this.call(
      {
        method: 'PUT',
        url: withDigest(location, blob.digest),
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
        body: data ?? (() => blob.read(0)),
      },
      [repository],
      'push',
    );
    this.expect(res, [201], `upload ${blob.digest}`);
    this.checkDigest(res, blob.digest);
    return blob.size;
  }

  /**
   * PATCH after PATCH, each at least the registry's `OCI-Chunk-Min-Length` and at most the cap.
   * After a failed chunk the upload's status (`Range: 0-N`) says where to resume.
   */
  private async uploadChunks(repository: string, start: string, blob: BlobSource, minLength: number): Promise<number> {
    const cap = this.options.maxChunkBytes ?? (this.options.registry === 'ghcr.io' ? GHCR_MAX_CHUNK : Number.POSITIVE_INFINITY);
    const want = this.options.chunkBytes ?? Math.min(cap, 4 * 1024 * 1024);
    const chunk = Math.max(1, Math.min(cap, Math.max(want, minLength || 0)));
    let location = start;
    let offset = 0;
    let sent = 0;
    let failures = 0;
    while (offset < blob.size) {
      const data = await collect(blob.read(offset), Math.min(chunk, blob.size - offset));
      try {
        const res = await this.call(
          {
            method: 'PATCH',
            url: location,
            headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + data.length - 1}` },
            body: data,
          },
          [repository],
          'push',
          false,
        );
        this.expect(res, [202], `upload chunk ${offset}-${offset + data.length - 1} of ${blob.digest}`);
        location = this.location(res);
        offset += data.length;
        sent += data.length;
      } catch (error) {
        if (!(HttpError.isRetryable(error) || RESUMABLE.has(errorCode(error) ?? '')) || ++failures > 3) throw error;
        this.options.log?.warn(`upload of ${blob.digest.slice(0, 19)} interrupted at ${offset} bytes; resuming from the upload's status`);
        const status = await this.call({ method: 'GET', url: location }, [repository], 'push');
        this.expect(status, [204], `status of upload ${blob.digest}`);
        const range = /^(\d+)-(\d+)$/.exec(header(status, 'range') ?? '');
        offset = range ? Number(range[2]) + 1 : 0;
        location = this.location(status);
      }
    }
    const res = await this.call({ method: 'PUT', url: withDigest(location, blob.digest), headers: { 'content-length': '0' } }, [repository], 'push');
    this.expect(res, [201], `finish upload of ${blob.digest}`);
    this.checkDigest(res, blob.digest);
    return sent;
  }

  /** A manifest (or index) by tag or digest, with its media type and digest. */
  async getManifest(repository: string, reference: string): Promise<{ mediaType: string; body: Buffer; digest: string } | undefined> {
    const res = await this.call({ method: 'GET', path: `/v2/${repository}/manifests/${reference}`, headers: { accept: MANIFEST_TYPES } }, [repository], 'pull');
    if (res.status === 404) return undefined;
    this.expect(res, [200], `GET manifest ${repository}:${reference}`);
    const digest = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    if (reference.startsWith('sha256:') && reference !== digest) throw new Error(`manifest ${reference} arrived with digest ${digest}`);
    return { mediaType: header(res, 'content-type')?.split(';')[0] ?? '', body: res.body, digest };
  }

  /** A small blob (an image config) in memory, its digest checked. */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    let res = await this.call({ method: 'GET', path: `/v2/${repository}/blobs/${digest}` }, [repository], 'pull');
    for (let hops = 0; (res.status === 307 || res.status === 302) && hops < 3; hops++) {
      // Blob storage behind a redirect gets no registry credentials.
      res = await send({ method: 'GET', url: this.resolve(header(res, 'location') ?? '') });
    }
    this.expect(res, [200], `GET blob ${digest} from ${repository}`);
    const actual = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    if (actual !== digest) throw new Error(`blob ${digest} from ${repository} arrived with digest ${actual}`);
    return res.body;
  }

  /**
   * A blob's bytes as a stream, for copying a base layer to another registry. The first request is
   * a HEAD so authorisation is settled before the body flows; redirects drop the credentials.
   */
  async readBlob(repository: string, digest: string): Promise<AsyncIterable<Buffer>> {
    const head = await this.call({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}` }, [repository], 'pull');
    if (head.status !== 200 && head.status !== 307 && head.status !== 302) this.expect(head, [200], `HEAD blob ${digest} in ${repository}`);
    const token = await this.authorization([`repository:${repository}:pull`], false);
    let res = await openStream(`${this.base}/v2/${repository}/blobs/${digest}`, token ? { authorization: token } : {});
    for (let hops = 0; (res.status === 307 || res.status === 302) && hops < 3; hops++) {
      res.body.resume();
      res = await openStream(this.resolve(String(res.headers.location ?? '')));
    }
    if (res.status !== 200) {
      res.body.resume();
      throw new RegistryError(`GET blob ${digest} from ${this.options.registry}/${repository}: answered ${res.status}`);
    }
    return res.body;
  }

  /** Puts a manifest under a tag or its digest and checks the digest the registry reports. */
  async putManifest(repository: string, reference: string, body: Buffer, mediaType: string): Promise<string> {
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    const res = await this.call(
      { method: 'PUT', path: `/v2/${repository}/manifests/${reference}`, headers: { 'content-type': mediaType }, body },
      [repository],
      'push',
    );
    this.expect(res, [201], `PUT manifest ${repository}:${reference}`);
    this.checkDigest(res, digest);
    return digest;
  }

  /** True when the registry answers the referrers API (`GET /v2/<repo>/referrers/<digest>`) with an index. */
  async hasReferrersApi(repository: string, digest: string): Promise<boolean> {
    const res = await this.call(
      { method: 'GET', path: `/v2/${repository}/referrers/${digest}`, headers: { accept: 'application/vnd.oci.image.index.v1+json' } },
      [repository],
      'pull',
    );
    return res.status === 200 && (header(res, 'content-type') ?? '').startsWith('application/vnd.oci.image.index.v1+json');
  }

  /** Removes a manifest by digest (and every tag pointing at it); false when the registry does not allow deletes. */
  async deleteManifest(repository: string, digest: string): Promise<boolean> {
    const res = await this.call({ method: 'DELETE', path: `/v2/${repository}/manifests/${digest}` }, [repository], 'push');
    return res.status === 202 || res.status === 200;
  }

  private uploadMode(): 'monolithic' | 'chunked' {
    const m = this.options.uploadMode ?? 'auto';
    if (m !== 'auto') return m;
    return this.options.registry === 'ghcr.io' ? 'chunked' : 'monolithic';
  }

  private location(res: HttpResponse): string {
    const loc = header(res, 'location');
    if (!loc) throw new Error(`registry ${this.options.registry} answered ${res.status} without a Location header`);
    return this.resolve(loc);
  }

  private resolve(location: string): string {
    return new URL(location, this.base).toString();
  }

  private checkDigest(res: HttpResponse, digest: string): void {
    const got = header(res, 'docker-content-digest');
    if (got !== undefined && got !== digest) {
      throw new Error(`registry ${this.options.registry} stored ${got} where ${digest} was sent: the bytes changed on the way`);
    }
  }

  private expect(res: HttpResponse, ok: readonly number[], what: string): void {
    if (ok.includes(res.status)) return;
    const detail = registryMessage(res.body);
    const message = `${what}: registry ${this.options.registry} answered ${res.status}${detail ? ` (${detail})` : ''}`;
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError(message, { hint: loginHint(this.options.registry, this.options.credentials, res.status) });
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new RegistryError(message, { hint: 'the registry refused the request; its answer above says why' });
    }
    throw new HttpError(message, res.status, header(res, 'retry-after'));
  }

  /**
   * One request with authorisation: the cached token for these repositories, or none; on a 401 the
   * challenge in `WWW-Authenticate` says how to get one (Bearer: ask the token server; Basic: send credentials).
   */
  private async call(
    req: { method: string; path?: string; url?: string; headers?: Record<string, string>; body?: Body },
    repositories: readonly string[],
    action: 'pull' | 'push',
    retrying = true,
  ): Promise<HttpResponse> {
    const url = req.url ?? `${this.base}${req.path ?? ''}`;
    const scope = repositories.map((r, i) => `repository:${r}:${i === 0 && action === 'push' ? 'pull,push' : 'pull'}`);
    const once = async (): Promise<HttpResponse> => {
      const auth = await this.authorization(scope, false);
      let res = await this.transport({ ...req, url, headers: { ...req.headers, ...(auth ? { authorization: auth } : {}) } });
      if (res.status === 401) {
        const challenge = header(res, 'www-authenticate');
        if (challenge) this.challenge = parseChallenge(challenge);
        const again = await this.authorization(scope, true);
        if (again) res = await this.transport({ ...req, url, headers: { ...req.headers, authorization: again } });
      }
      if (res.status >= 500 || res.status === 429)
        throw new HttpError(`${req.method} ${new URL(url).pathname}: ${res.status}`, res.status, header(res, 'retry-after'));
      return res;
    };
    const streamed = req.body !== undefined && !Buffer.isBuffer(req.body);
    // A streamed body cannot be replayed by a plain retry; resumable uploads handle their own.
    return retrying && !streamed
      ? retry(once, { retries: 3, baseDelayMs: 200, isRetryable: (e) => HttpError.isRetryable(e) || RESUMABLE.has(errorCode(e) ?? '') })
      : once();
  }

  private async transport(req: { method: string; url: string; headers?: Record<string, string>; body?: Body }): Promise<HttpResponse> {
    try {
      return await send(req);
    } catch (error) {
      // Node's own errors may come from another realm (jest's VM), so look at the code, not the class.
      if (errorCode(error) === 'ECONNREFUSED') {
        throw new RegistryError(`registry ${this.options.registry} is unreachable at ${this.base} (connection refused)`, {
          hint: 'check the host and port in the image reference, and that the registry is running',
        });
      }
      throw error;
    }
  }

  private async authorization(scope: readonly string[], fresh: boolean): Promise<string | undefined> {
    const ch = this.challenge;
    const creds = this.options.credentials;
    if (!ch) return undefined;
    if (ch.scheme === 'basic') {
      if (!creds?.password) return undefined;
      return `Basic ${Buffer.from(`${creds.username ?? ''}:${creds.password}`).toString('base64')}`;
    }
    if (ch.scheme !== 'bearer') return undefined;
    const key = scope.join(' ');
    const cached = this.tokens.get(key);
    if (cached && !fresh) return `Bearer ${cached}`;
    // Once the registry has named its token server, a new scope asks it first instead of earning another 401.
    const token = await this.fetchToken(ch.params, scope);
    this.tokens.set(key, token);
    return `Bearer ${token}`;
  }

  private async fetchToken(params: Record<string, string>, scope: readonly string[]): Promise<string> {
    const realm = params.realm;
    if (!realm) throw new RegistryError(`registry ${this.options.registry} asked for a bearer token without naming a token server (realm)`);
    const url = new URL(realm);
    if (params.service) url.searchParams.set('service', params.service);
    for (const s of scope) url.searchParams.append('scope', s);
    const creds = this.options.credentials;
    let res: HttpResponse;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        service: params.service ?? '',
        scope: scope.join(' '),
        client_id: 'slipway',
      });
      res = await send({ method: 'POST', url: realm, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(form.toString()) });
    } else {
      const headers: Record<string, string> = {};
      if (creds?.password) headers.authorization = `Basic ${Buffer.from(`${creds.username ?? ''}:${creds.password}`).toString('base64')}`;
      res = await send({ method: 'GET', url: url.toString(), headers });
    }
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError(
        `the token server of ${this.options.registry} refused ${creds ? `the credentials from ${creds.source}` : 'an anonymous request'} (${res.status})`,
        {
          hint: loginHint(this.options.registry, creds, res.status),
        },
      );
    }
    if (res.status !== 200) throw new HttpError(`token server ${url.origin} answered ${res.status}`, res.status);
    const body = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new Error(`token server ${url.origin} answered without a token`);
    this.options.onSecret?.(token);
    return token;
  }
}

const RESUMABLE = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

function errorCode(error: unknown): string | undefined {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function withDigest(location: string, digest: string): string {
  const u = new URL(location);
  u.searchParams.set('digest', digest);
  return u.toString();
}

async function collect(source: AsyncIterable<Buffer>, size: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe(size);
  let n = 0;
  for await (const c of source) {
    const take = Math.min(c.length, size - n);
    c.copy(out, n, 0, take);
    n += take;
    if (n >= size) break;
  }
  if (n !== size) throw new Error(`expected ${size} bytes, read ${n}`);
  return out;
}

function registryMessage(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    return (parsed.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
  } catch {
    return body.toString('utf8').slice(0, 200).trim();
  }
}

function loginHint(registry: string, creds: Credentials | undefined, status: number): string {
  if (registry === 'ghcr.io') {
    return 'give the job `permissions: packages: write` and pass `GITHUB_TOKEN`, or set the `username` and `password` inputs to a token with write:packages';
  }
  if (creds)
    return `the credentials from ${creds.source} were refused${status === 403 ? ' (no permission for this repository)' : ''}; run \`docker login ${registry}\` again or set the \`username\` and \`password\` inputs`;
  return `log in first: \`docker login ${registry}\` (or docker/login-action), or set the \`username\` and \`password\` inputs`;
}
