import { canonicalJson } from '@slipway/release';
import { ENTRY_SCHEMA, type ModelRegistry, type NewEntry, type RegistryEntry } from './registry.js';

export interface S3RegistryOptions {
  bucket: string;
  /** Key prefix of the store (no leading or trailing slash). */
  prefix: string;
  region?: string | undefined;
  endpoint?: string | undefined;
  pathStyle?: boolean | undefined;
}

/**
 * The store's own registry when the store is a bucket: `registry/<name>/<version>.json` under the
 * store's prefix. A version is claimed with a conditional write (`If-None-Match: *`), so two runs
 * registering at once get different versions; the loser reads again and takes the next number.
 */
export class S3Registry implements ModelRegistry {
  readonly kind = 'store' as const;
  constructor(private readonly o: S3RegistryOptions) {}

  get display(): string {
    return `s3://${this.o.bucket}/${this.base('')}`;
  }

  private base(name: string): string {
    return `${this.o.prefix ? `${this.o.prefix}/` : ''}registry/${name}${name ? '/' : ''}`;
  }

  private async client() {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const sdk = await import('@aws-sdk/client-s3');
    const client = new sdk.S3Client({
      ...(this.o.region ? { region: this.o.region } : { region: 'us-east-1' }),
      ...(this.o.endpoint ? { endpoint: this.o.endpoint, forcePathStyle: this.o.pathStyle ?? true } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    return { sdk, client };
  }

  private async numbers(name: string): Promise<number[]> {
    const { sdk, client } = await this.client();
    try {
      const out: number[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: this.base(name), ...(token ? { ContinuationToken: token } : {}) }),
        );
        for (const o of page.Contents ?? []) {
          const m = /\/(\d+)\.json$/.exec(o.Key ?? '');
          if (m) out.push(Number(m[1]));
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out.sort((a, b) => a - b);
    } finally {
      client.destroy();
    }
  }

  async register(entry: NewEntry): Promise<{ version: string; url: string }> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const version = String(Math.max(0, ...(await this.numbers(entry.name))) + 1);
      const full: RegistryEntry = { schema: ENTRY_SCHEMA, ...entry, version };
      const key = `${this.base(entry.name)}${version}.json`;
      const { sdk, client } = await this.client();
      try {
        await client.send(
          new sdk.PutObjectCommand({ Bucket: this.o.bucket, Key: key, Body: canonicalJson(full), ContentType: 'application/json', IfNoneMatch: '*' }),
        );
        return { version, url: `s3://${this.o.bucket}/${key}` };
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        // 412: someone claimed this number first; 409: a concurrent conditional write is in progress.
        if (status !== 412 && status !== 409) throw error;
      } finally {
        client.destroy();
      }
    }
    throw new Error(`could not claim a version of ${entry.name} in ${this.display}: too many concurrent registrations`);
  }

  /** Every version of `name`, oldest first. */
  async versions(name: string): Promise<RegistryEntry[]> {
    const numbers = await this.numbers(name);
    const { sdk, client } = await this.client();
    try {
      const out: RegistryEntry[] = [];
      for (const n of numbers) {
        const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.o.bucket, Key: `${this.base(name)}${n}.json` }));
        out.push(JSON.parse((await res.Body?.transformToString()) ?? '{}') as RegistryEntry);
      }
      return out;
    } finally {
      client.destroy();
    }
  }
}
