import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  external_exports
} from "./chunk-LUQ2JWWH.js";
import {
  ConfigError,
  UserError
} from "./chunk-HOTKN5NV.js";
import "./chunk-I2UBCO3D.js";

// packages/release/lib/canonical-json.js
import { createHash } from "node:crypto";
function canonicalJson(value) {
  if (value === null || typeof value === "boolean" || typeof value === "string")
    return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new TypeError(`canonical JSON cannot hold ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((v) => v === void 0 ? "null" : canonicalJson(v)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}
function contentDigest(value) {
  return `sha256:${createHash("sha256").update(canonicalJson(value)).digest("hex")}`;
}

// packages/release/lib/folder-store.js
import { randomBytes } from "node:crypto";
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

// packages/release/lib/record.js
var digest = external_exports.string().regex(/^sha256:[0-9a-f]{64}$/, "sha256:<64 hex digits>");
var modelArtifactSchema = external_exports.object({
  path: external_exports.string().min(1),
  md5: external_exports.string().regex(/^[0-9a-f]{32}(\.dir)?$/),
  size: external_exports.number().int().nonnegative(),
  nfiles: external_exports.number().int().nonnegative().optional()
}).strict();
var releaseSchema = external_exports.object({
  schemaVersion: external_exports.literal(1),
  git: external_exports.object({ sha: external_exports.string().regex(/^[0-9a-f]{7,64}$/), ref: external_exports.string().min(1) }).strict(),
  models: external_exports.array(modelArtifactSchema).default([]),
  /** Digests of prompt files and of the resolved configuration. */
  prompts: external_exports.record(external_exports.string(), digest).default({}),
  configDigest: digest.optional(),
  eval: external_exports.object({
    reportDigest: digest,
    scores: external_exports.record(external_exports.string(), external_exports.number()),
    passed: external_exports.boolean()
  }).strict().optional(),
  image: external_exports.object({ reference: external_exports.string().min(1), digest }).strict().optional(),
  createdAt: external_exports.iso.datetime()
}).strict();
function sealRelease(input) {
  const release = releaseSchema.parse(input);
  return { id: contentDigest(release), release };
}
var OUTCOMES = ["in-progress", "promoted", "rolled-back", "aborted", "retired"];
var historyEntrySchema = external_exports.object({
  environment: external_exports.string().regex(/^[a-z0-9][a-z0-9._-]*$/i),
  releaseId: digest,
  outcome: external_exports.enum(OUTCOMES),
  at: external_exports.iso.datetime(),
  /** Why it ended this way: the analysis verdict, the alert, the user. */
  reason: external_exports.string().optional(),
  /** Set by an entry that supersedes an earlier one of the same release (in-progress -> promoted). */
  previous: digest.optional()
}).strict();

// packages/release/lib/folder-store.js
var FolderReleaseStore = class {
  root;
  constructor(root) {
    this.root = root;
  }
  async putRelease(release) {
    const id = contentDigest(release);
    const file = this.releaseFile(id);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(tmp, canonicalJson(release));
    await rename(tmp, file);
    return id;
  }
  async getRelease(id) {
    let text;
    try {
      text = await readFile(this.releaseFile(id), "utf8");
    } catch (error) {
      if (error.code === "ENOENT")
        return void 0;
      throw error;
    }
    const release = releaseSchema.parse(JSON.parse(text));
    if (contentDigest(release) !== id)
      throw new Error(`release ${id} does not match its content: the store is corrupt`);
    return release;
  }
  async append(entry) {
    const valid = historyEntrySchema.parse(entry);
    const file = this.historyFile(valid.environment);
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, `${canonicalJson(valid)}
`);
  }
  async history(environment) {
    const file = this.historyFile(environment);
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if (error.code === "ENOENT")
        return [];
      throw error;
    }
    return text.split("\n").map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => line.trim() !== "").map(({ line, n }) => {
      const parsed = historyEntrySchema.safeParse(safeJson(line));
      if (!parsed.success) {
        throw new ConfigError([{ location: { file, line: n }, message: `not a valid history entry: ${parsed.error.issues[0]?.message ?? "bad JSON"}` }]);
      }
      return parsed.data;
    });
  }
  releaseFile(id) {
    const hex = id.replace(/^sha256:/, "");
    if (!/^[0-9a-f]{64}$/.test(hex))
      throw new UserError(`"${id}" is not a release id`, { hint: "use sha256:<64 hex digits>" });
    return path.join(this.root, "releases", `${hex}.json`);
  }
  historyFile(environment) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(environment)) {
      throw new UserError(`"${environment}" is not an environment name`, { hint: "use letters, digits, dot, dash and underscore, e.g. production" });
    }
    return path.join(this.root, "environments", `${environment}.jsonl`);
  }
};
function safeJson(line) {
  try {
    return JSON.parse(line);
  } catch {
    return void 0;
  }
}

// packages/release/lib/history.js
function currentRelease(entries) {
  return latestState(entries).findLast((e) => e.outcome === "promoted" || e.outcome === "in-progress");
}
function lastHealthyRelease(entries, excluding) {
  return latestState(entries).findLast((e) => e.outcome === "promoted" && e.releaseId !== excluding);
}
function latestState(entries) {
  const stints = [];
  for (const e of entries) {
    const open = stints.findLastIndex((s) => s.releaseId === e.releaseId && s.outcome === "in-progress");
    if (open >= 0 && e.outcome !== "in-progress")
      stints[open] = e;
    else if (e.outcome === "rolled-back" || e.outcome === "aborted") {
      const last = stints.findLastIndex((s) => s.releaseId === e.releaseId);
      if (last >= 0)
        stints[last] = e;
      else
        stints.push(e);
    } else
      stints.push(e);
  }
  return stints;
}
export {
  FolderReleaseStore,
  OUTCOMES,
  canonicalJson,
  contentDigest,
  currentRelease,
  historyEntrySchema,
  lastHealthyRelease,
  modelArtifactSchema,
  releaseSchema,
  sealRelease
};
