import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  isNetworkError
} from "./chunk-66CZKWGL.js";

// packages/store/lib/internal/run-all.js
async function runAll(items, concurrency, fn) {
  const errors = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (errors.length > 0) {
    const first = errors[0];
    if (errors.length > 1 && first instanceof Error)
      first.message += ` (and ${errors.length - 1} more error(s))`;
    throw first;
  }
}
function limiter(n) {
  let active = 0;
  const waiting = [];
  return async (fn) => {
    if (active >= n)
      await new Promise((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

// packages/store/lib/internal/s3-retry.js
function isRetryableS3(error) {
  const status = statusOf(error);
  if (status === 408 || status === 429 || status !== void 0 && status >= 500)
    return true;
  const name = error?.name ?? "";
  if (["SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "InternalError", "ServiceUnavailable", "TimeoutError"].includes(name))
    return true;
  return status === void 0 && isNetworkError(error);
}
function statusOf(error) {
  const e = error;
  if (e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.name === "NoSuchUpload" || e?.name === "NoSuchBucket")
    return 404;
  if (e?.name === "PreconditionFailed")
    return 412;
  return e?.$metadata?.httpStatusCode;
}

export {
  runAll,
  limiter,
  isRetryableS3,
  statusOf
};
