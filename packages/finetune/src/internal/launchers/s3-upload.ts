import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@slipway/kit';

/**
 * Puts a local file under an `s3://bucket/prefix/` folder and returns its URI: how the remote
 * launchers hand the checked data to a job that cannot read the runner's disk.
 */
export async function uploadToS3(
  file: string,
  prefixUri: string,
  o: { region?: string; endpoint?: string; signal: AbortSignal; log: Logger },
): Promise<string> {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(prefixUri);
  if (!m) throw new Error(`${prefixUri} is not an s3:// URI`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const s3 = new S3Client({
    region: o.region ?? 'us-east-1',
    ...(o.endpoint ? { endpoint: o.endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  try {
    const key = `${m[2] ? `${m[2].replace(/\/?$/, '/')}` : ''}${path.basename(file)}`;
    await s3.send(new PutObjectCommand({ Bucket: m[1], Key: key, Body: await readFile(file), ContentType: 'application/jsonlines' }), {
      abortSignal: o.signal,
    });
    o.log.info(`uploaded ${path.basename(file)} to s3://${m[1]}/${key}`);
    return `s3://${m[1]}/${key}`;
  } finally {
    s3.destroy();
  }
}
