import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  ConflictError
} from "./chunk-HHQKCUDB.js";
import {
  require_dist_cjs
} from "./chunk-XHVZMBD2.js";
import "./chunk-LCYPXOO3.js";
import "./chunk-SOC55MVR.js";
import "./chunk-FALF6MIS.js";
import {
  __toESM
} from "./chunk-I2UBCO3D.js";

// packages/delivery/lib/s3-state.js
var import_client_s3 = __toESM(require_dist_cjs(), 1);
import { randomUUID } from "node:crypto";
var pad = (n) => String(n).padStart(10, "0");
var S3RolloutStore = class {
  o;
  display;
  client;
  base;
  constructor(o) {
    this.o = o;
    this.display = `s3://${o.bucket}${o.prefix ? `/${o.prefix}` : ""}`;
    this.base = o.prefix ? `${o.prefix}/` : "";
    const endpoint = o.endpoint;
    this.client = new import_client_s3.S3Client({
      region: o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
      ...endpoint !== void 0 ? {
        endpoint,
        forcePathStyle: o.pathStyle ?? true,
        // Non-AWS stores keep the SDK's aws-chunked checksum framing as part of the object: send plain bodies.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED"
      } : o.pathStyle ? { forcePathStyle: true } : {}
    });
  }
  async load(environment) {
    const committed = (await this.revisions(environment)).filter((r) => r.committed).at(-1);
    return committed ? this.read(`${this.envPrefix(environment)}${pad(committed.revision)}/committed.json`) : void 0;
  }
  async save(state) {
    const revisions = await this.revisions(state.environment);
    const currentRevision = revisions.filter((r) => r.committed).at(-1)?.revision ?? 0;
    if (currentRevision !== state.revision) {
      throw new ConflictError(`rollout of ${state.environment} changed under us (revision ${currentRevision}, expected ${state.revision}): another controller is running it`);
    }
    const next = { ...state, revision: state.revision + 1 };
    const body = `${JSON.stringify(next, null, 2)}
`;
    const prefix = `${this.envPrefix(state.environment)}${pad(next.revision)}/`;
    const key = `${prefix}${randomUUID()}.json`;
    await this.put(key, body);
    await this.o.afterPut?.();
    const staleMs = this.o.staleMs ?? 3e4;
    const listed = await this.list(prefix);
    const now = listed.find((o) => o.key === key)?.modified ?? Date.now();
    const rivals = listed.filter((o) => o.key !== key && (o.key.endsWith("/committed.json") || now - (o.modified ?? now) < staleMs));
    if (rivals.length > 0) {
      await this.delete([key]);
      throw new ConflictError(`rollout of ${state.environment}: another controller saved revision ${next.revision} at the same time`);
    }
    await this.put(`${prefix}committed.json`, body);
    const old = revisions.filter((r) => r.revision < next.revision - 1).flatMap((r) => r.keys);
    if (old.length)
      await this.delete(old);
    return next;
  }
  close() {
    this.client.destroy();
  }
  envPrefix(environment) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(environment))
      throw new TypeError(`not an environment name: ${environment}`);
    return `${this.base}rollouts/${environment}/`;
  }
  async revisions(environment) {
    const byRevision = /* @__PURE__ */ new Map();
    for (const o of await this.list(this.envPrefix(environment))) {
      const m = /\/(\d{10})\/([^/]+)\.json$/.exec(o.key);
      if (!m)
        continue;
      const revision = Number(m[1]);
      const entry = byRevision.get(revision) ?? { keys: [], committed: false };
      entry.keys.push(o.key);
      if (m[2] === "committed")
        entry.committed = true;
      byRevision.set(revision, entry);
    }
    return [...byRevision.entries()].sort((a, b) => a[0] - b[0]).map(([revision, e]) => ({ revision, ...e }));
  }
  async put(key, body) {
    await this.client.send(new import_client_s3.PutObjectCommand({ Bucket: this.o.bucket, Key: key, Body: body, ContentType: "application/json", IfNoneMatch: "*" }));
  }
  async list(prefix) {
    const out = [];
    let token;
    do {
      const page = await this.client.send(new import_client_s3.ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: prefix, ...token ? { ContinuationToken: token } : {} }));
      for (const c of page.Contents ?? [])
        if (c.Key)
          out.push({ key: c.Key, modified: c.LastModified?.getTime() });
      token = page.IsTruncated ? page.NextContinuationToken : void 0;
    } while (token);
    return out;
  }
  async read(key) {
    const res = await this.client.send(new import_client_s3.GetObjectCommand({ Bucket: this.o.bucket, Key: key }));
    return JSON.parse(await res.Body.transformToString());
  }
  async delete(keys) {
    for (let i = 0; i < keys.length; i += 1e3) {
      await this.client.send(new import_client_s3.DeleteObjectsCommand({ Bucket: this.o.bucket, Delete: { Objects: keys.slice(i, i + 1e3).map((Key) => ({ Key })), Quiet: true } }));
    }
  }
};
export {
  S3RolloutStore
};
