import { createHash, createHmac } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/** Credentials as the SDK's default chain resolves them. */
export interface LeanCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** An S3 error with what retry and "is it there?" logic read: the HTTP status and S3's error code. */
export class S3HttpError extends Error {
  readonly $metadata: { httpStatusCode: number };
  constructor(status: number, code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = code;
    this.$metadata = { httpStatusCode: status };
  }
}

/**
 * S3's error code and message from an error response's body, else from its status. Self-contained
 * (no outside names): the download worker is evaluated from a string and takes its source text.
 */
export function s3ErrorOf(status: number, text: string): { code: string; message: string } {
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? (status === 404 ? 'NotFound' : status === 412 ? 'PreconditionFailed' : `Http${status}`);
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? `HTTP ${status}`;
  return { code, message };
}

/**
 * Single-object GET and PUT signed with SigV4 and sent on a keep-alive agent, without the SDK's
 * middleware stack: for thousands of small objects the stack costs more CPU than the request.
 * Everything else (listing, multipart, deletes) stays on the SDK.
 */
export class LeanS3 {
  private keyCache: { day: string; secret: string; key: Buffer } | undefined;

  constructor(
    private readonly opts: {
      /** `http(s)://host[:port]` of the bucket endpoint. */
      origin: string;
      /** Path prefix before the key: `/bucket` for path style, empty for virtual hosts. */
      basePath: string;
      region: string;
      credentials: () => Promise<LeanCredentials>;
      agents: { http: http.Agent; https: https.Agent };
      extraHeaders?: Record<string, string>;
    },
  ) {}

  /** PUT `body` at `key`; `If-None-Match: *` makes it a conditional create. */
  async put(key: string, body: Buffer, headers: Record<string, string>): Promise<void> {
    const res = await this.request('PUT', key, body, { ...headers, ...(this.opts.extraHeaders ?? {}) });
    await this.expectOk(res);
    res.resume();
  }

  /** HEAD of the bucket: resolves when it exists and these credentials may use it, else an S3HttpError. */
  async headBucket(): Promise<void> {
    const res = await this.request('HEAD', '', undefined, {});
    await this.expectOk(res);
    res.resume();
  }

  /** GET `key` (from `start`); the response body, or an S3HttpError. */
  async get(key: string, start = 0): Promise<IncomingMessage> {
    const res = await this.request('GET', key, undefined, start > 0 ? { range: `bytes=${start}-` } : {});
    await this.expectOk(res);
    return res;
  }

  private async expectOk(res: IncomingMessage): Promise<void> {
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return;
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const { code, message } = s3ErrorOf(status, Buffer.concat(chunks).toString('utf8'));
    throw new S3HttpError(status, code, message);
  }

  /** A signed GET of `key` (bytes `range[0]..range[1]` when given) for another thread to send. */
  async signedGet(key: string, range?: readonly [number, number]): Promise<{ url: string; headers: Record<string, string> }> {
    const { url, headers } = await this.sign('GET', key, undefined, range ? { range: `bytes=${range[0]}-${range[1]}` } : {});
    return { url: url.href, headers };
  }

  private async sign(
    method: string,
    key: string,
    body: Buffer | undefined,
    headers: Record<string, string>,
  ): Promise<{ url: URL; headers: Record<string, string> }> {
    const creds = await this.opts.credentials();
    const url = new URL(this.opts.origin);
    url.pathname = `${this.opts.basePath}/${key.split('/').map(uriEncode).join('/')}`;
    const all = signV4(
      { method, host: url.host, path: url.pathname, headers, body, region: this.opts.region, credentials: creds, date: new Date() },
      (secret, day) => this.signingKey(secret, day),
    );
    return { url, headers: all };
  }

  private async request(method: string, key: string, body: Buffer | undefined, headers: Record<string, string>): Promise<IncomingMessage> {
    const { url, headers: all } = await this.sign(method, key, body, headers);
    const secure = url.protocol === 'https:';
    const mod = secure ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        {
          method,
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port || (secure ? 443 : 80),
          path: url.pathname,
          headers: all,
          agent: secure ? this.opts.agents.https : this.opts.agents.http,
          timeout: 120_000,
        },
        resolve,
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(Object.assign(new Error(`${method} ${key} timed out`), { name: 'TimeoutError' })));
      req.end(body);
    });
  }

  private signingKey(secret: string, day: string): Buffer {
    if (this.keyCache?.day === day && this.keyCache.secret === secret) return this.keyCache.key;
    const key = deriveSigningKey(this.opts.region)(secret, day);
    this.keyCache = { day, secret, key };
    return key;
  }
}

/**
 * Signs a request with AWS Signature Version 4 for S3 (the payload hash is signed too) and returns
 * every header to send, `authorization` included. `path` must already be URI-encoded.
 */
export function signV4(
  r: {
    method: string;
    host: string;
    path: string;
    headers: Record<string, string>;
    body: Buffer | undefined;
    region: string;
    credentials: LeanCredentials;
    date: Date;
  },
  signingKey: (secret: string, day: string) => Buffer = deriveSigningKey(r.region),
): Record<string, string> {
  const amzDate = r.date.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = r.body ? createHash('sha256').update(r.body).digest('hex') : EMPTY_SHA256;
  const all: Record<string, string> = {
    ...Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
    host: r.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
  };
  if (r.body) all['content-length'] = String(r.body.length);
  if (r.credentials.sessionToken) all['x-amz-security-token'] = r.credentials.sessionToken;
  const names = Object.keys(all).sort();
  const canonical = [r.method, r.path, '', ...names.map((n) => `${n}:${String(all[n]).trim()}`), '', names.join(';'), payloadHash].join('\n');
  const scope = `${day}/${r.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const signature = createHmac('sha256', signingKey(r.credentials.secretAccessKey, day)).update(toSign).digest('hex');
  all.authorization = `AWS4-HMAC-SHA256 Credential=${r.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return all;
}

/** SHA-256 of no bytes: every GET signs it. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function deriveSigningKey(region: string): (secret: string, day: string) => Buffer {
  const hmac = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
  return (secret, day) => hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ */
export function uriEncode(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
