/** A real S3-compatible server (s3rver, a devDependency) in a child process. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { httpGet, launchService, type ServiceHandle } from './managed-process.js';

export interface S3Options {
  /** Buckets created at start-up. Names must be valid S3 names (3–63 chars, lowercase). */
  buckets?: string[];
  readyTimeoutMs?: number;
}

export interface S3Service extends ServiceHandle {
  /** s3rver accepts these (and also unsigned requests). */
  accessKeyId: 'S3RVER';
  secretAccessKey: 'S3RVER';
  region: 'us-east-1';
}

/** Absolute path of s3rver's CLI, resolved the way Node would from this file. */
export function s3rverBin(): string {
  const pkg = createRequire(import.meta.url).resolve('s3rver/package.json');
  return join(dirname(pkg), 'bin', 's3rver.js');
}

/**
 * Starts s3rver on a free loopback port with its data in a fresh temp dir.
 *
 * Buckets are created with `--configure-bucket` rather than a PUT after start because, on Node 20,
 * listings of buckets created by PUT fail beyond 1,000 keys. `--openssl-legacy-provider` matches how
 * CI runs s3rver (simple put/get/list work without it too; we keep one invocation everywhere).
 */
export async function startS3(options: S3Options = {}): Promise<S3Service> {
  const bin = s3rverBin();
  const handle = await launchService({
    name: 's3rver',
    command: process.execPath,
    prepare: ({ port, dataDir }) => [
      '--openssl-legacy-provider',
      bin,
      '-d',
      dataDir,
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      // s3rver's own parser treats non-dash words after a bucket name as config files, so each
      // bucket needs its own flag and nothing may follow the last name.
      ...(options.buckets ?? []).flatMap((bucket) => ['--configure-bucket', bucket]),
    ],
    // The service listing is cheap and its XML root element is unmistakably S3.
    isReady: async (port) => {
      const res = await httpGet(`http://127.0.0.1:${port}/`);
      return res.status === 200 && res.body.includes('ListAllMyBucketsResult');
    },
    ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
  });
  return Object.assign(handle, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' } as const);
}

/**
 * Points the default AWS credential chain (the environment variables) at these keys, e.g. an
 * s3rver's; the returned function puts back what was there, unset variables included, and also the
 * variables named in `alsoRestore` (ones the tests change themselves).
 */
export function exportAwsCredentials(keys: { accessKeyId: string; secretAccessKey: string }, alsoRestore: readonly string[] = []): () => void {
  const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', ...alsoRestore];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  process.env.AWS_ACCESS_KEY_ID = keys.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = keys.secretAccessKey;
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
