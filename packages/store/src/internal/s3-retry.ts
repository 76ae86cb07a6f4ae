import { isNetworkError } from '@slipway/kit';

/** Throttling, server errors, timeouts and connection failures are worth another try. */
export function isRetryableS3(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 408 || status === 429 || (status !== undefined && status >= 500)) return true;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'InternalError', 'ServiceUnavailable', 'TimeoutError'].includes(name)) return true;
  return status === undefined && isNetworkError(error);
}

/** The HTTP status of an SDK error, with the SDK's named errors mapped to theirs. */
export function statusOf(error: unknown): number | undefined {
  const e = error as { $metadata?: { httpStatusCode?: number }; name?: string } | undefined;
  if (e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.name === 'NoSuchUpload' || e?.name === 'NoSuchBucket') return 404;
  if (e?.name === 'PreconditionFailed') return 412;
  return e?.$metadata?.httpStatusCode;
}
