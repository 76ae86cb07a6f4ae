export const id = 273;
export const ids = [273];
export const modules = {

/***/ 2273:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3Remote: () => (/* binding */ S3Remote)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./packages/kit/lib/index.js + 10 modules
var lib = __webpack_require__(5610);
// EXTERNAL MODULE: ./packages/store/lib/internal/run-all.js
var run_all = __webpack_require__(2550);
;// CONCATENATED MODULE: ./packages/store/lib/internal/s3-lean.js



/** An S3 error with what retry and "is it there?" logic read: the HTTP status and S3's error code. */
class S3HttpError extends Error {
    $metadata;
    constructor(status, code, message) {
        super(`${code}: ${message}`);
        this.name = code;
        this.$metadata = { httpStatusCode: status };
    }
}
/**
 * Single-object GET and PUT signed with SigV4 and sent on a keep-alive agent, without the SDK's
 * middleware stack: for thousands of small objects the stack costs more CPU than the request.
 * Everything else (HEAD bucket, listing, multipart) stays on the SDK.
 */
class LeanS3 {
    opts;
    keyCache;
    constructor(opts) {
        this.opts = opts;
    }
    /** PUT `body` at `key`; `If-None-Match: *` makes it a conditional create. */
    async put(key, body, headers) {
        const res = await this.request('PUT', key, body, { ...headers, ...(this.opts.extraHeaders ?? {}) });
        await this.expectOk(res);
        res.resume();
    }
    /** GET `key` (from `start`); the response body, or an S3HttpError. */
    async get(key, start = 0) {
        const res = await this.request('GET', key, undefined, start > 0 ? { range: `bytes=${start}-` } : {});
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
        const text = Buffer.concat(chunks).toString('utf8');
        const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? (status === 404 ? 'NotFound' : status === 412 ? 'PreconditionFailed' : `Http${status}`);
        const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? `HTTP ${status}`;
        throw new S3HttpError(status, code, message);
    }
    async request(method, key, body, headers) {
        const creds = await this.opts.credentials();
        const url = new URL(this.opts.origin);
        const canonicalPath = `${this.opts.basePath}/${key.split('/').map(uriEncode).join('/')}`;
        const all = signV4({ method, host: url.host, path: canonicalPath, headers, body, region: this.opts.region, credentials: creds, date: new Date() }, (secret, day) => this.signingKey(secret, day));
        const secure = url.protocol === 'https:';
        const mod = secure ? external_node_https_ : external_node_http_;
        return new Promise((resolve, reject) => {
            const req = mod.request({
                method,
                protocol: url.protocol,
                hostname: url.hostname,
                port: url.port || (secure ? 443 : 80),
                path: canonicalPath,
                headers: all,
                agent: secure ? this.opts.agents.https : this.opts.agents.http,
                timeout: 120_000,
            }, resolve);
            req.on('error', reject);
            req.on('timeout', () => req.destroy(Object.assign(new Error(`${method} ${key} timed out`), { name: 'TimeoutError' })));
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
}
/**
 * Signs a request with AWS Signature Version 4 for S3 (the payload hash is signed too) and returns
 * every header to send, `authorization` included. `path` must already be URI-encoded.
 */
function signV4(r, signingKey = deriveSigningKey(r.region)) {
    const amzDate = r.date.toISOString().replace(/[-:]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const payloadHash = (0,external_node_crypto_.createHash)('sha256')
        .update(r.body ?? '')
        .digest('hex');
    const all = {
        ...Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
        host: r.host,
        'x-amz-date': amzDate,
        'x-amz-content-sha256': payloadHash,
    };
    if (r.body)
        all['content-length'] = String(r.body.length);
    if (r.credentials.sessionToken)
        all['x-amz-security-token'] = r.credentials.sessionToken;
    const names = Object.keys(all).sort();
    const canonical = [r.method, r.path, '', ...names.map((n) => `${n}:${String(all[n]).trim()}`), '', names.join(';'), payloadHash].join('\n');
    const scope = `${day}/${r.region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, (0,external_node_crypto_.createHash)('sha256').update(canonical).digest('hex')].join('\n');
    const signature = (0,external_node_crypto_.createHmac)('sha256', signingKey(r.credentials.secretAccessKey, day)).update(toSign).digest('hex');
    all.authorization = `AWS4-HMAC-SHA256 Credential=${r.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
    return all;
}
function deriveSigningKey(region) {
    const hmac = (k, d) => (0,external_node_crypto_.createHmac)('sha256', k).update(d).digest();
    return (secret, day) => hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
}
/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ */
function uriEncode(segment) {
    return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
//# sourceMappingURL=s3-lean.js.map
// EXTERNAL MODULE: ./packages/store/lib/internal/s3-retry.js
var s3_retry = __webpack_require__(1760);
;// CONCATENATED MODULE: ./packages/store/lib/internal/s3-remote.js











const SSE_VALUES = ['AES256', 'aws:kms', 'aws:kms:dsse'];
/**
 * A bucket prefix through `@aws-sdk/client-s3` and the default credential chain (environment,
 * profile, web identity from aws-actions/configure-aws-credentials, instance roles).
 * Writes are conditional (`If-None-Match: *`): a 412 means another writer got there first.
 */
class S3Remote {
    s;
    display;
    stats = { requests: 0, partsUploaded: 0, partsResumed: 0 };
    client;
    threshold;
    partSize;
    agents;
    leanPromise;
    /** `SLIPWAY_S3_LEAN=0` sends every request through the SDK: an escape hatch for stores that object to ours. */
    useLean = process.env.SLIPWAY_S3_LEAN !== '0';
    constructor(s) {
        this.s = s;
        if (s.sse !== undefined && !SSE_VALUES.includes(s.sse)) {
            throw new lib.UserError(`server-side encryption "${s.sse}" is not known`, { hint: `use one of: ${SSE_VALUES.join(', ')}` });
        }
        this.display = `s3://${s.bucket}${s.prefix ? `/${s.prefix}` : ''}`;
        this.threshold = s.multipartThreshold ?? 256 * 2 ** 20;
        this.partSize = Math.max(5 * 2 ** 20, s.partSize ?? 64 * 2 ** 20);
        const maxSockets = Math.max(8, s.jobs * 2);
        this.agents = { http: new external_node_http_.Agent({ keepAlive: true, maxSockets }), https: new external_node_https_.Agent({ keepAlive: true, maxSockets }) };
        const custom = s.endpoint !== undefined;
        this.client = new dist_cjs/* S3Client */.YxF({
            region: s.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
            followRegionRedirects: true,
            ...(s.endpoint !== undefined ? { endpoint: s.endpoint, forcePathStyle: s.pathStyle ?? true } : s.pathStyle ? { forcePathStyle: true } : {}),
            // Non-AWS stores keep the SDK's aws-chunked checksum framing as part of the object: send plain bodies.
            ...(custom ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
            maxAttempts: 1,
            requestHandler: { httpAgent: this.agents.http, httpsAgent: this.agents.https, connectionTimeout: 10_000, requestTimeout: 120_000 },
        });
        this.client.middlewareStack.add((next) => (args) => {
            this.stats.requests++;
            return next(args);
        }, { step: 'finalizeRequest', name: 'slipwayCountRequests' });
    }
    async check() {
        try {
            await this.client.config.credentials();
        }
        catch (error) {
            throw new lib.UserError(`no AWS credentials for ${this.display}: ${firstLine(error)}`, {
                hint: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run aws-actions/configure-aws-credentials (OIDC) before this step',
            });
        }
        try {
            await this.send(new dist_cjs/* HeadBucketCommand */.kuI({ Bucket: this.s.bucket }));
        }
        catch (error) {
            const status = (0,s3_retry/* statusOf */.c)(error);
            if (status === 404)
                throw new lib.UserError(`bucket "${this.s.bucket}" does not exist at ${this.s.endpoint ?? 'AWS'}`, { hint: 'create it, or fix the remote URL' });
            if (status === 403) {
                throw new lib.UserError(`access to bucket "${this.s.bucket}" was denied`, {
                    hint: 'check the credentials and the bucket policy (s3:ListBucket, s3:GetObject, s3:PutObject)',
                });
            }
            throw error;
        }
    }
    async has(keys) {
        const found = new Set();
        await (0,lib.mapLimit)(keys, this.s.jobs, async (k) => {
            try {
                await this.send(new dist_cjs/* HeadObjectCommand */.l81({ Bucket: this.s.bucket, Key: this.key(k) }));
                found.add(k);
            }
            catch (error) {
                if ((0,s3_retry/* statusOf */.c)(error) !== 404)
                    throw error;
            }
        });
        return found;
    }
    async list(prefix) {
        const out = [];
        const base = this.s.prefix ? `${this.s.prefix}/` : '';
        let token;
        do {
            const page = await this.send(new dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: this.s.bucket, Prefix: `${base}${prefix}`, ...(token ? { ContinuationToken: token } : {}) }));
            for (const o of page.Contents ?? [])
                if (o.Key)
                    out.push(o.Key.slice(base.length));
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return out;
    }
    async upload(key, file, info) {
        if (info.size > this.threshold)
            return this.uploadMultipart(key, file, info);
        // Small bodies in one read: a stream costs more than the bytes.
        const small = info.size <= 2 ** 20;
        return this.put(key, info, () => Promise.resolve(small ? (0,external_node_fs_.readFileSync)(file) : (0,external_node_fs_.createReadStream)(file)));
    }
    uploadBytes(key, bytes, info) {
        return this.put(key, info, () => Promise.resolve(bytes));
    }
    async open(key, start = 0) {
        if (!this.useLean) {
            const res = await this.send(new dist_cjs/* GetObjectCommand */.jLs({ Bucket: this.s.bucket, Key: this.key(key), ...(start > 0 ? { Range: `bytes=${start}-` } : {}) }));
            return res.Body;
        }
        const lean = await this.lean();
        return this.withRetry(() => lean.get(this.key(key), start));
    }
    /** Signed single-object requests without the SDK's middleware: built once, on first use. */
    lean() {
        this.leanPromise ??= (async () => {
            const region = await this.client.config.region();
            const bucket = this.s.bucket;
            let origin;
            let basePath = '';
            if (this.s.endpoint !== undefined) {
                const u = new URL(this.s.endpoint);
                if (this.s.pathStyle ?? true) {
                    origin = u.origin;
                    basePath = `/${bucket}`;
                }
                else
                    origin = `${u.protocol}//${bucket}.${u.host}`;
            }
            else if (this.s.pathStyle || bucket.includes('.')) {
                // Dotted bucket names do not match the wildcard certificate of virtual hosts.
                origin = `https://s3.${region}.amazonaws.com`;
                basePath = `/${bucket}`;
            }
            else
                origin = `https://${bucket}.s3.${region}.amazonaws.com`;
            const extraHeaders = {};
            if (this.s.sse)
                extraHeaders['x-amz-server-side-encryption'] = this.s.sse;
            if (this.s.sseKmsKeyId)
                extraHeaders['x-amz-server-side-encryption-aws-kms-key-id'] = this.s.sseKmsKeyId;
            return new LeanS3({ origin, basePath, region, credentials: () => this.client.config.credentials(), agents: this.agents, extraHeaders });
        })();
        return this.leanPromise;
    }
    async delete(keys) {
        await (0,lib.mapLimit)(keys, this.s.jobs, (k) => this.send(new dist_cjs/* DeleteObjectCommand */.k4j({ Bucket: this.s.bucket, Key: this.key(k) })));
        return keys.length;
    }
    async close() {
        this.client.destroy();
        this.agents.http.destroy();
        this.agents.https.destroy();
    }
    async put(key, info, body) {
        try {
            const first = await body();
            if (Buffer.isBuffer(first) && this.useLean) {
                const lean = await this.lean();
                await this.withRetry(() => lean.put(this.key(key), first, {
                    'content-md5': Buffer.from(info.md5, 'hex').toString('base64'),
                    'content-type': 'application/octet-stream',
                    'if-none-match': '*',
                }));
                return 'uploaded';
            }
            if (!Buffer.isBuffer(first))
                first.destroy();
            await this.send(async () => new dist_cjs/* PutObjectCommand */.wKZ({
                Bucket: this.s.bucket,
                Key: this.key(key),
                Body: await body(),
                ContentLength: info.size,
                ContentMD5: Buffer.from(info.md5, 'hex').toString('base64'),
                IfNoneMatch: '*',
                ...this.encryption(),
            }));
            return 'uploaded';
        }
        catch (error) {
            if ((0,s3_retry/* statusOf */.c)(error) === 412)
                return 'present';
            throw error;
        }
    }
    async uploadMultipart(key, file, info) {
        const stateFile = external_node_path_.join(this.s.stateDir, 'uploads', `${(0,external_node_crypto_.createHash)('sha1').update(`${this.display}\n${key}`).digest('hex')}.json`);
        let state = await readState(stateFile);
        if (state && (state.size !== info.size || state.partSize !== this.partSize))
            state = undefined;
        if (state) {
            const uploadId = state.uploadId;
            try {
                const listed = await this.send(new dist_cjs/* ListPartsCommand */.m9c({ Bucket: this.s.bucket, Key: this.key(key), UploadId: uploadId }));
                const parts = {};
                for (const p of listed.Parts ?? [])
                    if (p.PartNumber && p.ETag && state.parts[p.PartNumber] === p.ETag)
                        parts[p.PartNumber] = p.ETag;
                state.parts = parts;
                this.s.log.info(`resuming the upload of ${key}: ${Object.keys(parts).length} part(s) already stored`);
            }
            catch (error) {
                const status = (0,s3_retry/* statusOf */.c)(error);
                if (status === 404)
                    state = undefined;
                // Some S3-compatible stores (s3rver) cannot list parts: trust the ETags we kept.
                else if (status === 405 || status === 501)
                    this.s.log.info(`resuming the upload of ${key}: ${Object.keys(state.parts).length} part(s) already stored`);
                else
                    throw error;
            }
        }
        if (!state) {
            const created = await this.send(new dist_cjs/* CreateMultipartUploadCommand */.nG4({ Bucket: this.s.bucket, Key: this.key(key), ...this.encryption() }));
            state = { uploadId: created.UploadId ?? '', size: info.size, partSize: this.partSize, parts: {} };
            await writeState(stateFile, state);
        }
        const st = state;
        const count = Math.ceil(info.size / this.partSize);
        let saving = Promise.resolve();
        const todo = [];
        for (let n = 1; n <= count; n++) {
            if (st.parts[n])
                this.stats.partsResumed++;
            else
                todo.push(n);
        }
        // runAll waits for parts in flight before it fails, so nothing reads the file after we return.
        await (0,run_all/* runAll */.$)(todo, Math.max(1, Math.min(4, this.s.jobs)), async (n) => {
            const start = (n - 1) * this.partSize;
            const end = Math.min(info.size, start + this.partSize);
            const res = await this.send(() => new dist_cjs/* UploadPartCommand */.iVK({
                Bucket: this.s.bucket,
                Key: this.key(key),
                UploadId: st.uploadId,
                PartNumber: n,
                Body: (0,external_node_fs_.createReadStream)(file, { start, end: end - 1, highWaterMark: 1024 * 1024 }),
                ContentLength: end - start,
            }));
            st.parts[n] = res.ETag ?? '';
            this.stats.partsUploaded++;
            saving = saving.then(() => writeState(stateFile, st));
            await saving;
            this.s.afterPart?.(key, n);
        });
        try {
            await this.send(new dist_cjs/* CompleteMultipartUploadCommand */.Gym({
                Bucket: this.s.bucket,
                Key: this.key(key),
                UploadId: st.uploadId,
                IfNoneMatch: '*',
                MultipartUpload: {
                    Parts: Object.entries(st.parts)
                        .map(([n, ETag]) => ({ PartNumber: Number(n), ETag }))
                        .sort((a, b) => a.PartNumber - b.PartNumber),
                },
            }));
            return 'uploaded';
        }
        catch (error) {
            if ((0,s3_retry/* statusOf */.c)(error) !== 412)
                throw error;
            await this.send(new dist_cjs/* AbortMultipartUploadCommand */.tfP({ Bucket: this.s.bucket, Key: this.key(key), UploadId: st.uploadId })).catch(() => undefined);
            return 'present';
        }
        finally {
            await (0,promises_.rm)(stateFile, { force: true });
        }
    }
    encryption() {
        const out = {};
        if (this.s.sse)
            out.ServerSideEncryption = this.s.sse;
        if (this.s.sseKmsKeyId)
            out.SSEKMSKeyId = this.s.sseKmsKeyId;
        return out;
    }
    key(k) {
        return this.s.prefix ? `${this.s.prefix}/${k}` : k;
    }
    /** Sends with backoff on throttling, 5xx, timeouts and dropped connections; a body factory gives each attempt a fresh stream. */
    send(command) {
        return this.withRetry(async () => {
            const c = typeof command === 'function' ? await command() : command;
            // The SDK's per-command generics do not survive a factory; callers name the output type.
            return (await this.client.send(c));
        });
    }
    withRetry(fn) {
        return (0,lib.retry)(fn, {
            retries: 4,
            baseDelayMs: 250,
            isRetryable: s3_retry/* isRetryableS3 */.V,
            onRetry: ({ attempt, delayMs, error }) => this.s.log.warn(`S3 request failed (${firstLine(error)}); retry ${attempt} in ${delayMs} ms`),
        });
    }
}
function firstLine(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
async function readState(file) {
    try {
        return JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch {
        return undefined;
    }
}
async function writeState(file, state) {
    await (0,promises_.mkdir)(external_node_path_.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    await (0,promises_.writeFile)(tmp, JSON.stringify(state));
    await (0,promises_.rename)(tmp, file);
}
//# sourceMappingURL=s3-remote.js.map

/***/ })

};
