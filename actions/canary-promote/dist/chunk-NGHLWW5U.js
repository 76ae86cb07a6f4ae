import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  isNetworkError
} from "./chunk-33QV4WLU.js";

// packages/store/lib/internal/s3-lean.js
import { createHash, createHmac } from "node:crypto";
import http, {} from "node:http";
import https from "node:https";
var S3HttpError = class extends Error {
  $metadata;
  constructor(status, code, message) {
    super(`${code}: ${message}`);
    this.name = code;
    this.$metadata = { httpStatusCode: status };
  }
};
function s3ErrorOf(status, text) {
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? (status === 404 ? "NotFound" : status === 412 ? "PreconditionFailed" : `Http${status}`);
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? `HTTP ${status}`;
  return { code, message };
}
var LeanS3 = class {
  opts;
  keyCache;
  constructor(opts) {
    this.opts = opts;
  }
  /** PUT `body` at `key`; `If-None-Match: *` makes it a conditional create. */
  async put(key, body, headers) {
    const res = await this.request("PUT", key, body, { ...headers, ...this.opts.extraHeaders ?? {} });
    await this.expectOk(res);
    res.resume();
  }
  /** HEAD of the bucket: resolves when it exists and these credentials may use it, else an S3HttpError. */
  async headBucket() {
    const res = await this.request("HEAD", "", void 0, {});
    await this.expectOk(res);
    res.resume();
  }
  /** GET `key` (from `start`); the response body, or an S3HttpError. */
  async get(key, start = 0) {
    const res = await this.request("GET", key, void 0, start > 0 ? { range: `bytes=${start}-` } : {});
    await this.expectOk(res);
    return res;
  }
  async expectOk(res) {
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300)
      return;
    const chunks = [];
    for await (const c of res)
      chunks.push(c);
    const { code, message } = s3ErrorOf(status, Buffer.concat(chunks).toString("utf8"));
    throw new S3HttpError(status, code, message);
  }
  /** A signed GET of `key` (bytes `range[0]..range[1]` when given) for another thread to send. */
  async signedGet(key, range) {
    const { url, headers } = await this.sign("GET", key, void 0, range ? { range: `bytes=${range[0]}-${range[1]}` } : {});
    return { url: url.href, headers };
  }
  async sign(method, key, body, headers) {
    const creds = await this.opts.credentials();
    const url = new URL(this.opts.origin);
    url.pathname = `${this.opts.basePath}/${key.split("/").map(uriEncode).join("/")}`;
    const all = signV4({ method, host: url.host, path: url.pathname, headers, body, region: this.opts.region, credentials: creds, date: /* @__PURE__ */ new Date() }, (secret, day) => this.signingKey(secret, day));
    return { url, headers: all };
  }
  async request(method, key, body, headers) {
    const { url, headers: all } = await this.sign(method, key, body, headers);
    const secure = url.protocol === "https:";
    const mod = secure ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || (secure ? 443 : 80),
        path: url.pathname,
        headers: all,
        agent: secure ? this.opts.agents.https : this.opts.agents.http,
        timeout: 12e4
      }, resolve);
      req.on("error", reject);
      req.on("timeout", () => req.destroy(Object.assign(new Error(`${method} ${key} timed out`), { name: "TimeoutError" })));
      req.end(body);
    });
  }
  signingKey(secret, day) {
    if (this.keyCache?.day === day && this.keyCache.secret === secret)
      return this.keyCache.key;
    const key = deriveSigningKey(this.opts.region)(secret, day);
    this.keyCache = { day, secret, key };
    return key;
  }
};
function signV4(r, signingKey = deriveSigningKey(r.region)) {
  const amzDate = r.date.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const payloadHash = r.body ? createHash("sha256").update(r.body).digest("hex") : EMPTY_SHA256;
  const all = {
    ...Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
    host: r.host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": payloadHash
  };
  if (r.body)
    all["content-length"] = String(r.body.length);
  if (r.credentials.sessionToken)
    all["x-amz-security-token"] = r.credentials.sessionToken;
  const names = Object.keys(all).sort();
  const canonical = [r.method, r.path, "", ...names.map((n) => `${n}:${String(all[n]).trim()}`), "", names.join(";"), payloadHash].join("\n");
  const scope = `${day}/${r.region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
  const signature = createHmac("sha256", signingKey(r.credentials.secretAccessKey, day)).update(toSign).digest("hex");
  all.authorization = `AWS4-HMAC-SHA256 Credential=${r.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return all;
}
var EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
function deriveSigningKey(region) {
  const hmac = (k, d) => createHmac("sha256", k).update(d).digest();
  return (secret, day) => hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), "s3"), "aws4_request");
}
function uriEncode(segment) {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

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
  s3ErrorOf,
  LeanS3,
  runAll,
  limiter,
  isRetryableS3,
  statusOf
};
