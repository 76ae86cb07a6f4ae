import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type {
  CreateMultipartUploadCommandOutput,
  GetObjectCommandOutput,
  ListObjectsV2CommandOutput,
  ListPartsCommandOutput,
  S3Client,
  ServerSideEncryption,
  UploadPartCommandOutput,
} from '@aws-sdk/client-s3';
import { type Logger, mapLimit, retry, UserError } from '@slipway/kit';
import type { DownloadSource } from './download-pool.js';
import type { ObjectInfo, Remote, UploadOutcome } from './remote.js';
import { runAll } from './run-all.js';
import { type LeanCredentials, LeanS3 } from './s3-lean.js';
import { isRetryableS3, statusOf } from './s3-retry.js';

/** How to reach a bucket: everything `s3://bucket/prefix` does not say. */
export interface S3Settings {
  bucket: string;
  /** Key prefix without leading or trailing slash; may be empty. */
  prefix: string;
  region?: string;
  /** A custom endpoint (MinIO, R2, s3rver…): turns off the SDK's checksum trailers and uses path-style by default. */
  endpoint?: string;
  pathStyle?: boolean;
  sse?: string;
  sseKmsKeyId?: string;
  /** Parallel transfers; sizes the socket pool. */
  jobs: number;
  /** Objects above this many bytes go up in parts. */
  multipartThreshold?: number;
  partSize?: number;
  /** Where unfinished multipart uploads are remembered, so a new run resumes them. */
  stateDir: string;
  log: Logger;
  /** For tests: called after each part is stored; throwing simulates a crash mid-upload. */
  afterPart?: (key: string, partNumber: number) => void;
}

const SSE_VALUES = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** The SDK module and the client made from it, loaded on first use. */
interface Sdk {
  m: typeof import('@aws-sdk/client-s3');
  client: S3Client;
}

/** Counters a benchmark or test can read. */
export interface S3Stats {
  requests: number;
  partsUploaded: number;
  partsResumed: number;
}

interface UploadState {
  uploadId: string;
  size: number;
  partSize: number;
  parts: Record<string, string>;
}

/**
 * A bucket prefix through `@aws-sdk/client-s3` and the default credential chain (environment,
 * profile, web identity from aws-actions/configure-aws-credentials, instance roles).
 * Writes are conditional (`If-None-Match: *`): a 412 means another writer got there first.
 */
export class S3Remote implements Remote {
  readonly display: string;
  readonly stats: S3Stats = { requests: 0, partsUploaded: 0, partsResumed: 0 };
  private sdkPromise: Promise<Sdk> | undefined;
  private readonly region: string;
  private readonly threshold: number;
  private readonly partSize: number;
  private readonly agents: { http: http.Agent; https: https.Agent };
  private leanPromise: Promise<LeanS3> | undefined;
  /** `SLIPWAY_S3_LEAN=0` sends every request through the SDK: an escape hatch for stores that object to ours. */
  private readonly useLean = process.env.SLIPWAY_S3_LEAN !== '0';

  constructor(private readonly s: S3Settings) {
    if (s.sse !== undefined && !SSE_VALUES.includes(s.sse)) {
      throw new UserError(`server-side encryption "${s.sse}" is not known`, { hint: `use one of: ${SSE_VALUES.join(', ')}` });
    }
    this.display = `s3://${s.bucket}${s.prefix ? `/${s.prefix}` : ''}`;
    // Environment knobs for stores with a smaller single-PUT limit than S3's (5 GiB).
    this.threshold = s.multipartThreshold ?? bytesFromEnv('SLIPWAY_S3_MULTIPART_THRESHOLD') ?? 256 * 2 ** 20;
    this.partSize = Math.max(5 * 2 ** 20, s.partSize ?? bytesFromEnv('SLIPWAY_S3_PART_SIZE') ?? 64 * 2 ** 20);
    const maxSockets = Math.max(8, s.jobs * 2);
    this.agents = { http: new http.Agent({ keepAlive: true, maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets }) };
    this.region = s.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  }

  /** The SDK (about 0.1 s to load): only listing, multipart, deletes and `SLIPWAY_S3_LEAN=0` need it. */
  private sdk(): Promise<Sdk> {
    this.sdkPromise ??= import('@aws-sdk/client-s3').then((loaded) => {
      // A bundle turns the SDK's CommonJS build into a default export only.
      const m = (loaded as { default?: Sdk['m'] }).default ?? loaded;
      const s = this.s;
      const custom = s.endpoint !== undefined;
      const client = new m.S3Client({
        region: this.region,
        followRegionRedirects: true,
        ...(s.endpoint !== undefined ? { endpoint: s.endpoint, forcePathStyle: s.pathStyle ?? true } : s.pathStyle ? { forcePathStyle: true } : {}),
        // Non-AWS stores keep the SDK's aws-chunked checksum framing as part of the object: send plain bodies.
        ...(custom ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
        maxAttempts: 1,
        requestHandler: { httpAgent: this.agents.http, httpsAgent: this.agents.https, connectionTimeout: 10_000, requestTimeout: 120_000 },
      });
      client.middlewareStack.add(
        (next) => (args) => {
          this.stats.requests++;
          return next(args);
        },
        { step: 'finalizeRequest', name: 'slipwayCountRequests' },
      );
      return { m, client };
    });
    return this.sdkPromise;
  }

  /**
   * The default credential chain. Its first link, static keys in the environment, is read here
   * without loading the SDK; the SDK skips that link when AWS_PROFILE is set, and so do we.
   */
  private async credentials(): Promise<LeanCredentials> {
    const env = process.env;
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !env.AWS_PROFILE) {
      return {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      };
    }
    return (await this.sdk()).client.config.credentials();
  }

  async check(): Promise<void> {
    try {
      await this.credentials();
    } catch (error) {
      throw new UserError(`no AWS credentials for ${this.display}: ${firstLine(error)}`, {
        hint: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run aws-actions/configure-aws-credentials (OIDC) before this step',
      });
    }
    try {
      if (this.useLean) await (await this.lean()).headBucket();
      else await this.send((m) => new m.HeadBucketCommand({ Bucket: this.s.bucket }));
    } catch (error) {
      const status = statusOf(error);
      if (status === 404)
        throw new UserError(`bucket "${this.s.bucket}" does not exist at ${this.s.endpoint ?? 'AWS'}`, { hint: 'create it, or fix the remote URL' });
      if (status === 403) {
        throw new UserError(`access to bucket "${this.s.bucket}" was denied`, {
          hint: 'check the credentials and the bucket policy (s3:ListBucket, s3:GetObject, s3:PutObject)',
        });
      }
      throw error;
    }
  }

  async has(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    await mapLimit(keys, this.s.jobs, async (k) => {
      try {
        await this.send((m) => new m.HeadObjectCommand({ Bucket: this.s.bucket, Key: this.key(k) }));
        found.add(k);
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    });
    return found;
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const base = this.s.prefix ? `${this.s.prefix}/` : '';
    let token: string | undefined;
    do {
      const page = await this.send<ListObjectsV2CommandOutput>(
        (m) => new m.ListObjectsV2Command({ Bucket: this.s.bucket, Prefix: `${base}${prefix}`, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key.slice(base.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async upload(key: string, file: string, info: ObjectInfo): Promise<UploadOutcome> {
    if (info.size > this.threshold) return this.uploadMultipart(key, file, info);
    // Small bodies in one read: a stream costs more than the bytes.
    const small = info.size <= 2 ** 20;
    return this.put(key, info, () => Promise.resolve(small ? readFileSync(file) : createReadStream(file)));
  }

  uploadBytes(key: string, bytes: Buffer, info: ObjectInfo): Promise<UploadOutcome> {
    return this.put(key, info, () => Promise.resolve(bytes));
  }

  async open(key: string, start = 0): Promise<Readable> {
    if (!this.useLean) {
      const res = await this.send<GetObjectCommandOutput>(
        (m) => new m.GetObjectCommand({ Bucket: this.s.bucket, Key: this.key(key), ...(start > 0 ? { Range: `bytes=${start}-` } : {}) }),
      );
      return res.Body as Readable;
    }
    const lean = await this.lean();
    return this.withRetry(() => lean.get(this.key(key), start));
  }

  async source(key: string, range?: readonly [number, number]): Promise<DownloadSource | undefined> {
    if (!this.useLean) return undefined;
    this.stats.requests++;
    return (await this.lean()).signedGet(this.key(key), range);
  }

  /** Signed single-object requests without the SDK's middleware: built once, on first use. */
  private lean(): Promise<LeanS3> {
    this.leanPromise ??= (async () => {
      const region = this.region;
      const bucket = this.s.bucket;
      let origin: string;
      let basePath = '';
      if (this.s.endpoint !== undefined) {
        const u = new URL(this.s.endpoint);
        if (this.s.pathStyle ?? true) {
          origin = u.origin;
          basePath = `/${bucket}`;
        } else origin = `${u.protocol}//${bucket}.${u.host}`;
      } else if (this.s.pathStyle || bucket.includes('.')) {
        // Dotted bucket names do not match the wildcard certificate of virtual hosts.
        origin = `https://s3.${region}.amazonaws.com`;
        basePath = `/${bucket}`;
      } else origin = `https://${bucket}.s3.${region}.amazonaws.com`;
      const extraHeaders: Record<string, string> = {};
      if (this.s.sse) extraHeaders['x-amz-server-side-encryption'] = this.s.sse;
      if (this.s.sseKmsKeyId) extraHeaders['x-amz-server-side-encryption-aws-kms-key-id'] = this.s.sseKmsKeyId;
      return new LeanS3({ origin, basePath, region, credentials: () => this.credentials(), agents: this.agents, extraHeaders });
    })();
    return this.leanPromise;
  }

  async delete(keys: readonly string[]): Promise<number> {
    await mapLimit(keys, this.s.jobs, (k) => this.send((m) => new m.DeleteObjectCommand({ Bucket: this.s.bucket, Key: this.key(k) })));
    return keys.length;
  }

  async close(): Promise<void> {
    if (this.sdkPromise) (await this.sdkPromise).client.destroy();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async put(key: string, info: ObjectInfo, body: () => Promise<Buffer | Readable>): Promise<UploadOutcome> {
    try {
      const first = await body();
      if (Buffer.isBuffer(first) && this.useLean) {
        const lean = await this.lean();
        await this.withRetry(() =>
          lean.put(this.key(key), first, {
            'content-md5': Buffer.from(info.md5, 'hex').toString('base64'),
            'content-type': 'application/octet-stream',
            'if-none-match': '*',
          }),
        );
        return 'uploaded';
      }
      if (!Buffer.isBuffer(first)) first.destroy();
      await this.send(
        async (m) =>
          new m.PutObjectCommand({
            Bucket: this.s.bucket,
            Key: this.key(key),
            Body: await body(),
            ContentLength: info.size,
            ContentMD5: Buffer.from(info.md5, 'hex').toString('base64'),
            IfNoneMatch: '*',
            ...this.encryption(),
          }),
      );
      return 'uploaded';
    } catch (error) {
      if (statusOf(error) === 412) return 'present';
      throw error;
    }
  }

  private async uploadMultipart(key: string, file: string, info: ObjectInfo): Promise<UploadOutcome> {
    const stateFile = path.join(this.s.stateDir, 'uploads', `${createHash('sha1').update(`${this.display}\n${key}`).digest('hex')}.json`);
    let state = await readState(stateFile);
    if (state && (state.size !== info.size || state.partSize !== this.partSize)) state = undefined;
    if (state) {
      const uploadId = state.uploadId;
      try {
        const listed = await this.send<ListPartsCommandOutput>(
          (m) => new m.ListPartsCommand({ Bucket: this.s.bucket, Key: this.key(key), UploadId: uploadId }),
        );
        const parts: Record<string, string> = {};
        for (const p of listed.Parts ?? []) if (p.PartNumber && p.ETag && state.parts[p.PartNumber] === p.ETag) parts[p.PartNumber] = p.ETag;
        state.parts = parts;
        this.s.log.info(`resuming the upload of ${key}: ${Object.keys(parts).length} part(s) already stored`);
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) state = undefined;
        // Some S3-compatible stores (s3rver) cannot list parts: trust the ETags we kept.
        else if (status === 405 || status === 501) this.s.log.info(`resuming the upload of ${key}: ${Object.keys(state.parts).length} part(s) already stored`);
        else throw error;
      }
    }
    if (!state) {
      const created = await this.send<CreateMultipartUploadCommandOutput>(
        (m) => new m.CreateMultipartUploadCommand({ Bucket: this.s.bucket, Key: this.key(key), ...this.encryption() }),
      );
      state = { uploadId: created.UploadId ?? '', size: info.size, partSize: this.partSize, parts: {} };
      await writeState(stateFile, state);
    }
    const st = state;
    const count = Math.ceil(info.size / this.partSize);
    let saving = Promise.resolve();
    const todo: number[] = [];
    for (let n = 1; n <= count; n++) {
      if (st.parts[n]) this.stats.partsResumed++;
      else todo.push(n);
    }
    // runAll waits for parts in flight before it fails, so nothing reads the file after we return.
    await runAll(todo, Math.max(1, Math.min(4, this.s.jobs)), async (n) => {
      const start = (n - 1) * this.partSize;
      const end = Math.min(info.size, start + this.partSize);
      const res = await this.send<UploadPartCommandOutput>(
        (m) =>
          new m.UploadPartCommand({
            Bucket: this.s.bucket,
            Key: this.key(key),
            UploadId: st.uploadId,
            PartNumber: n,
            Body: createReadStream(file, { start, end: end - 1, highWaterMark: 1024 * 1024 }),
            ContentLength: end - start,
          }),
      );
      st.parts[n] = res.ETag ?? '';
      this.stats.partsUploaded++;
      saving = saving.then(() => writeState(stateFile, st));
      await saving;
      this.s.afterPart?.(key, n);
    });
    try {
      await this.send(
        (m) =>
          new m.CompleteMultipartUploadCommand({
            Bucket: this.s.bucket,
            Key: this.key(key),
            UploadId: st.uploadId,
            IfNoneMatch: '*',
            MultipartUpload: {
              Parts: Object.entries(st.parts)
                .map(([n, ETag]) => ({ PartNumber: Number(n), ETag }))
                .sort((a, b) => a.PartNumber - b.PartNumber),
            },
          }),
      );
      return 'uploaded';
    } catch (error) {
      if (statusOf(error) !== 412) throw error;
      await this.send((m) => new m.AbortMultipartUploadCommand({ Bucket: this.s.bucket, Key: this.key(key), UploadId: st.uploadId })).catch(() => undefined);
      return 'present';
    } finally {
      await rm(stateFile, { force: true });
    }
  }

  private encryption(): { ServerSideEncryption?: ServerSideEncryption; SSEKMSKeyId?: string } {
    const out: { ServerSideEncryption?: ServerSideEncryption; SSEKMSKeyId?: string } = {};
    if (this.s.sse) out.ServerSideEncryption = this.s.sse as ServerSideEncryption;
    if (this.s.sseKmsKeyId) out.SSEKMSKeyId = this.s.sseKmsKeyId;
    return out;
  }

  private key(k: string): string {
    return this.s.prefix ? `${this.s.prefix}/${k}` : k;
  }

  /** Sends with backoff on throttling, 5xx, timeouts and dropped connections; a body factory gives each attempt a fresh stream. */
  private send<T = unknown>(command: (m: Sdk['m']) => object | Promise<object>): Promise<T> {
    return this.withRetry(async () => {
      const { m, client } = await this.sdk();
      const c = await command(m);
      // The SDK's per-command generics do not survive a factory; callers name the output type.
      return (await client.send(c as Parameters<S3Client['send']>[0])) as T;
    });
  }

  private withRetry<T>(fn: () => Promise<T>): Promise<T> {
    return retry(fn, {
      retries: 4,
      baseDelayMs: 250,
      isRetryable: isRetryableS3,
      onRetry: ({ attempt, delayMs, error }) => this.s.log.warn(`S3 request failed (${firstLine(error)}); retry ${attempt} in ${delayMs} ms`),
    });
  }
}

function bytesFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UserError(`environment variable ${name}="${raw}" is not a whole number of bytes`, { hint: `e.g. ${name}=67108864 (64 MiB), or unset it` });
  return n;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

async function readState(file: string): Promise<UploadState | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as UploadState;
  } catch {
    return undefined;
  }
}

async function writeState(file: string, state: UploadState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, file);
}
