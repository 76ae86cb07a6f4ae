import { randomUUID } from 'node:crypto';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConflictError, type RolloutState, type RolloutStore } from './state.js';

export interface S3RolloutStoreOptions {
  bucket: string;
  /** Key prefix without leading or trailing slash; may be empty. */
  prefix: string;
  region?: string;
  /** A custom endpoint (MinIO, s3rver…): path-style addressing and no checksum trailers. */
  endpoint?: string;
  pathStyle?: boolean;
  /** An uncommitted candidate older than this belongs to a crashed writer and is no rival (default 30 s). */
  staleMs?: number;
  /** For tests: runs between writing a candidate and listing, to force races. */
  afterPut?: () => Promise<void>;
}

const pad = (n: number) => String(n).padStart(10, '0');

/**
 * Rollout state in a bucket, with compare-and-swap that does not depend on conditional writes.
 *
 * Why: S3 honours `If-None-Match`/`If-Match` on PUT only since 2024, and S3-compatible stores
 * differ (s3rver 3.7 ignores both on PUT: it reads `If-None-Match` on GET only). So a save of
 * revision N+1 writes a uniquely named candidate `rollouts/<env>/<N+1>/<writer>.json`, then lists
 * that revision. A writer whose candidate is alone there has won and writes the commit record
 * `rollouts/<env>/<N+1>/committed.json`; one that sees a rival deletes its candidate and gets a
 * ConflictError. Readers only see committed revisions.
 *
 * Guarantee, on a store whose PUT, LIST and DELETE are strongly consistent (AWS S3 since December
 * 2020, MinIO, s3rver): at most one writer commits each revision, because of two writers the later
 * PUT is followed by a LIST that sees the earlier candidate, and a winner never deletes its own.
 * Two writers may both lose; none is lost silently. A candidate left by a writer that crashed
 * before committing is ignored, and after `staleMs` (30 s) it no longer counts as a rival: a
 * writer stalled that long between its PUT and its commit could break the guarantee, as a lock
 * holder stalled past the folder store's 30 s lock age could.
 */
export class S3RolloutStore implements RolloutStore {
  readonly display: string;
  private readonly client: S3Client;
  private readonly base: string;

  constructor(private readonly o: S3RolloutStoreOptions) {
    this.display = `s3://${o.bucket}${o.prefix ? `/${o.prefix}` : ''}`;
    this.base = o.prefix ? `${o.prefix}/` : '';
    const endpoint = o.endpoint;
    this.client = new S3Client({
      region: o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      ...(endpoint !== undefined
        ? {
            endpoint,
            forcePathStyle: o.pathStyle ?? true,
            // Non-AWS stores keep the SDK's aws-chunked checksum framing as part of the object: send plain bodies.
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }
        : o.pathStyle
          ? { forcePathStyle: true }
          : {}),
    });
  }

  async load(environment: string): Promise<RolloutState | undefined> {
    const committed = (await this.revisions(environment)).filter((r) => r.committed).at(-1);
    return committed ? this.read(`${this.envPrefix(environment)}${pad(committed.revision)}/committed.json`) : undefined;
  }

  async save(state: RolloutState): Promise<RolloutState> {
    const revisions = await this.revisions(state.environment);
    const currentRevision = revisions.filter((r) => r.committed).at(-1)?.revision ?? 0;
    if (currentRevision !== state.revision) {
      throw new ConflictError(
        `rollout of ${state.environment} changed under us (revision ${currentRevision}, expected ${state.revision}): another controller is running it`,
      );
    }
    const next = { ...state, revision: state.revision + 1 };
    const body = `${JSON.stringify(next, null, 2)}\n`;
    const prefix = `${this.envPrefix(state.environment)}${pad(next.revision)}/`;
    const key = `${prefix}${randomUUID()}.json`;
    await this.put(key, body);
    await this.o.afterPut?.();
    const staleMs = this.o.staleMs ?? 30_000;
    const listed = await this.list(prefix);
    // Ages by the store's own clock (our candidate's LastModified), so a skewed runner clock cannot age a live rival.
    const now = listed.find((o) => o.key === key)?.modified ?? Date.now();
    const rivals = listed.filter((o) => o.key !== key && (o.key.endsWith('/committed.json') || now - (o.modified ?? now) < staleMs));
    if (rivals.length > 0) {
      await this.delete([key]);
      throw new ConflictError(`rollout of ${state.environment}: another controller saved revision ${next.revision} at the same time`);
    }
    await this.put(`${prefix}committed.json`, body);
    // Older revisions add nothing (the state carries its decisions): keep the last two.
    const old = revisions.filter((r) => r.revision < next.revision - 1).flatMap((r) => r.keys);
    if (old.length) await this.delete(old);
    return next;
  }

  close(): void {
    this.client.destroy();
  }

  private envPrefix(environment: string): string {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(environment)) throw new TypeError(`not an environment name: ${environment}`);
    return `${this.base}rollouts/${environment}/`;
  }

  private async revisions(environment: string): Promise<{ revision: number; keys: string[]; committed: boolean }[]> {
    const byRevision = new Map<number, { keys: string[]; committed: boolean }>();
    for (const o of await this.list(this.envPrefix(environment))) {
      const m = /\/(\d{10})\/([^/]+)\.json$/.exec(o.key);
      if (!m) continue;
      const revision = Number(m[1]);
      const entry = byRevision.get(revision) ?? { keys: [], committed: false };
      entry.keys.push(o.key);
      if (m[2] === 'committed') entry.committed = true;
      byRevision.set(revision, entry);
    }
    return [...byRevision.entries()].sort((a, b) => a[0] - b[0]).map(([revision, e]) => ({ revision, ...e }));
  }

  private async put(key: string, body: string): Promise<void> {
    // IfNoneMatch is honoured by AWS S3 and ignored by s3rver; the protocol does not rely on it.
    await this.client.send(new PutObjectCommand({ Bucket: this.o.bucket, Key: key, Body: body, ContentType: 'application/json', IfNoneMatch: '*' }));
  }

  private async list(prefix: string): Promise<{ key: string; modified: number | undefined }[]> {
    const out: { key: string; modified: number | undefined }[] = [];
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const c of page.Contents ?? []) if (c.Key) out.push({ key: c.Key, modified: c.LastModified?.getTime() });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  private async read(key: string): Promise<RolloutState> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: key }));
    return JSON.parse(await (res.Body as { transformToString(): Promise<string> }).transformToString()) as RolloutState;
  }

  private async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.o.bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }),
      );
    }
  }
}
