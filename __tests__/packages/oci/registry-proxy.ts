/**
 * A proxy in front of the real docker-registry that sees every request from the registry's side:
 * it records them, can demand a bearer token (with its own token server at /token) or basic auth,
 * can advertise OCI-Chunk-Min-Length, and can cut one PATCH short to test resumption.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  status: number;
  /** Bytes in the request body. */
  bytes: number;
  authorization?: string;
}

export interface ProxyOptions {
  /** `bearer`: 401 with a challenge naming /token; the token server checks basic credentials `user:password`. */
  auth?: { scheme: 'bearer' | 'basic'; user: string; password: string };
  chunkMinLength?: number;
  /** Reset the connection on this PATCH (1-based), after forwarding nothing. */
  failPatch?: number;
  /** Report a wrong Docker-Content-Digest for every finished blob upload. */
  tamperDigest?: boolean;
  /** Answer the referrers API (with an empty index), as registries that implement it do. */
  referrers?: boolean;
}

export interface RegistryProxy {
  url: string;
  host: string;
  requests: Recorded[];
  tokensIssued: { scope: string[]; token: string }[];
  /** Uploads completed (PUT or single POST with a digest), by digest. */
  uploadedDigests(): string[];
  bytesUploaded(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startRegistryProxy(upstream: string, options: ProxyOptions = {}): Promise<RegistryProxy> {
  const up = new URL(upstream);
  const requests: Recorded[] = [];
  const tokensIssued: { scope: string[]; token: string }[] = [];
  let patches = 0;
  let counter = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    let bytes = 0;
    const record = (status: number) =>
      requests.push({
        method: req.method ?? '',
        path: url.pathname + url.search,
        status,
        bytes,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
    const origin = `http://${req.headers.host}`;
    if (url.pathname === '/token') {
      const expected = `Basic ${Buffer.from(`${options.auth?.user}:${options.auth?.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}');
        record(401);
        return;
      }
      const token = `tok-${++counter}-${Math.random().toString(36).slice(2)}`;
      tokensIssued.push({ scope: url.searchParams.getAll('scope'), token });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
      record(200);
      return;
    }
    if (options.auth && url.pathname.startsWith('/v2/')) {
      const good =
        options.auth.scheme === 'basic'
          ? req.headers.authorization === `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`
          : tokensIssued.some((t) => req.headers.authorization === `Bearer ${t.token}`);
      if (!good) {
        const challenge =
          options.auth.scheme === 'basic'
            ? 'Basic realm="test"'
            : `Bearer realm="${origin}/token",service="test-registry",scope="repository:${repoOf(url.pathname)}:pull,push"`;
        req.resume();
        req.on('end', () => {
          res
            .writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' })
            .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
          record(401);
        });
        return;
      }
    }
    if (options.referrers && req.method === 'GET' && /^\/v2\/.+\/referrers\/sha256:[0-9a-f]{64}$/.test(url.pathname)) {
      res
        .writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' })
        .end('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}');
      record(200);
      return;
    }
    if (req.method === 'PATCH' && options.failPatch !== undefined && ++patches === options.failPatch) {
      req.socket.destroy();
      record(0);
      return;
    }
    const headers = { ...req.headers, host: up.host };
    const fwd = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers }, (ures) => {
      const out = { ...ures.headers };
      if (typeof out.location === 'string') out.location = out.location.replace(`http://${up.host}`, origin);
      if (options.chunkMinLength && req.method === 'POST' && ures.statusCode === 202) out['oci-chunk-min-length'] = String(options.chunkMinLength);
      if (options.tamperDigest && req.method === 'PUT' && ures.statusCode === 201 && url.pathname.includes('/blobs/')) {
        out['docker-content-digest'] = `sha256:${'0'.repeat(64)}`;
      }
      res.writeHead(ures.statusCode ?? 502, out);
      ures.pipe(res);
      ures.on('end', () => record(ures.statusCode ?? 0));
    });
    fwd.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
    });
    req.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    tokensIssued,
    uploadedDigests: () =>
      requests
        .filter((r) => r.status === 201 && r.path.includes('/blobs/uploads/') && r.path.includes('digest='))
        .map((r) => decodeURIComponent(/digest=([^&]+)/.exec(r.path)?.[1] ?? '')),
    bytesUploaded: () => requests.filter((r) => r.path.includes('/blobs/uploads/')).reduce((s, r) => s + r.bytes, 0),
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function repoOf(p: string): string {
  const m = /^\/v2\/(.+?)\/(blobs|manifests|tags|referrers)\//.exec(p);
  return m?.[1] ?? '';
}
