import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  parseYamlWithSchema
} from "./chunk-FZWWJKAS.js";
import {
  external_exports
} from "./chunk-LUQ2JWWH.js";
import {
  ConfigError,
  HttpError,
  InputError,
  UserError,
  exitCodeFor
} from "./chunk-66CZKWGL.js";

// packages/gateway/lib/admin-client.js
var GatewayAdminClient = class {
  token;
  actor;
  base;
  /** `adminUrl` is the admin listener's base URL, e.g. http://127.0.0.1:8081; `actor` is recorded with every change. */
  constructor(adminUrl, token, actor = "slipway") {
    this.token = token;
    this.actor = actor;
    this.base = adminUrl.replace(/\/+$/, "");
  }
  async call(method, path3, body) {
    const res = await fetch(`${this.base}${path3}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, "x-slipway-actor": this.actor, ...body !== void 0 ? { "content-type": "application/json" } : {} },
      ...body !== void 0 ? { body } : {}
    });
    const text = await res.text();
    if (!res.ok) {
      let reason = text;
      try {
        reason = JSON.parse(text).error ?? text;
      } catch {
      }
      throw new HttpError(`gateway admin ${method} ${path3}: ${res.status} ${reason}`, res.status, res.headers.get("retry-after") ?? void 0);
    }
    return JSON.parse(text);
  }
  /** The routes, their weights and each backend's health. */
  routes() {
    return this.call("GET", "/admin/routes");
  }
  /** Sets every weight of one route (basis points adding up to 10000); backends left out get 0. */
  setWeights(route, weights) {
    return this.call("PUT", `/admin/routes/${encodeURIComponent(route)}/weights`, JSON.stringify({ weights }));
  }
  /**
   * Per-variant counts, error rates and latency quantiles over the last `windowSeconds`.
   * `exclude` leaves out samples by assignment, e.g. `['override']` for the weighted split alone.
   */
  stats(windowSeconds = 60, recent = 20, exclude = []) {
    const skip = exclude.length ? `&exclude=${encodeURIComponent(exclude.join(","))}` : "";
    return this.call("GET", `/admin/stats?window=${Math.max(1, Math.round(windowSeconds * 1e3))}ms&recent=${recent}${skip}`);
  }
  /** The configuration serving now, with its version. */
  config() {
    return this.call("GET", "/admin/config");
  }
  /** The sampled request log's entries of the last `windowSeconds` (`enabled` is false when `requestLog` is not configured). */
  requests(windowSeconds = 3600, limit = 1e3) {
    return this.call("GET", `/admin/requests?window=${Math.max(1, Math.round(windowSeconds * 1e3))}ms&limit=${limit}`);
  }
  /** Replaces the whole configuration (YAML or JSON text); refused with the reason when invalid. */
  replaceConfig(text) {
    return this.call("PUT", "/admin/config", text);
  }
  /** Every configuration change since start, with who made it. */
  async changes() {
    return (await this.call("GET", "/admin/changes")).changes;
  }
};

// packages/gateway/lib/internal/access-log.js
var ECS_VERSION = "8.11.0";
function levelOf(sample) {
  if (sample.ok)
    return "info";
  if (sample.error === "client_abort" || sample.error === "upstream_4xx" || sample.error === "rate_limited")
    return "warn";
  return "error";
}
function ecsAccessLine(sample, info) {
  const ms = (v) => Math.round(v * 100) / 100;
  const doc = {
    "@timestamp": new Date(sample.at).toISOString(),
    "log.level": levelOf(sample),
    message: `${info.method} ${info.path} ${sample.status} ${sample.variant}${sample.backend === sample.variant ? "" : `->${sample.backend}`} ${ms(sample.latencyMs)} ms${sample.error ? ` ${sample.error}` : ""}`,
    "ecs.version": ECS_VERSION,
    event: {
      kind: "event",
      category: ["web"],
      type: ["access"],
      dataset: "slipway.gateway.access",
      outcome: sample.ok ? "success" : "failure",
      duration: Math.round(sample.latencyMs * 1e6)
    },
    http: { request: { id: sample.id, method: info.method }, response: { status_code: sample.status } },
    url: { path: info.path },
    ...info.clientAddress ? { client: { address: info.clientAddress, ip: info.clientAddress } } : {},
    service: { name: "slipway-gateway" },
    labels: {
      variant: sample.variant,
      backend: sample.backend,
      route: sample.route,
      assignment: info.reason,
      ...info.pairId ? { pair_id: info.pairId } : {}
    },
    ...sample.error ? { error: { type: sample.error } } : {},
    ...info.traceId ? { trace: { id: info.traceId } } : {},
    gen_ai: {
      operation: { name: sample.operation },
      ...info.model !== void 0 ? { request: { model: info.model } } : {},
      usage: { input_tokens: sample.inputTokens, output_tokens: sample.outputTokens }
    },
    slipway: {
      gateway: {
        stream: sample.stream,
        ...sample.ttftMs !== void 0 ? { ttft_ms: ms(sample.ttftMs) } : {},
        ...info.retries > 0 ? { retries: info.retries } : {},
        ...info.fallback ? { fallback: true } : {}
      }
    }
  };
  return JSON.stringify(doc);
}

// packages/gateway/lib/internal/config.js
import { readFile } from "node:fs/promises";
var duration = external_exports.string().regex(/^(\d+(\.\d+)?(ms|s|m|h))+$/, "a duration with a unit, such as 250ms, 30s or 10m").meta({ examples: ["2s", "10m"] });
var name = external_exports.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a lower-case name: letters, digits, ".", "_" or "-"');
var envName = external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name, such as OPENAI_API_KEY");
var listen = external_exports.union([external_exports.number().int().min(0).max(65535), external_exports.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, "host:port, such as 127.0.0.1:8080")]).describe("A port, or host:port.");
var headerName = external_exports.string().regex(/^[A-Za-z0-9-]+$/, "an HTTP header name").transform((h) => h.toLowerCase());
var stickyKey = external_exports.string().regex(/^(api-key|client-address|header:[A-Za-z0-9-]+)$/, "one of api-key, client-address or header:<name>").transform((k) => k.toLowerCase());
var backendSchema = external_exports.object({
  url: external_exports.url({ protocol: /^https?$/ }).describe("Base URL of the OpenAI-compatible API, including `/v1`."),
  apiKeyEnv: envName.optional().describe("Environment variable holding the API key sent upstream as `Authorization: Bearer \u2026`."),
  timeouts: external_exports.object({
    connect: duration.default("2s").describe("Time to open the connection."),
    firstByte: duration.default("60s").describe("Time to the first byte of the answer (the first token when streaming)."),
    total: duration.default("600s").describe("Time for the whole exchange.")
  }).strict().prefault({}),
  retries: external_exports.number().int().min(0).max(5).default(1).describe("Retries before the first byte (connection errors, 429, 5xx, first-byte timeout)."),
  models: external_exports.record(external_exports.string(), external_exports.string()).optional().describe("Model-name mapping: the name clients send to the name this backend serves."),
  price: external_exports.object({
    inputPerMillion: external_exports.number().min(0).describe("USD per million input tokens."),
    outputPerMillion: external_exports.number().min(0).describe("USD per million output tokens.")
  }).strict().optional(),
  healthCheck: external_exports.object({
    path: external_exports.string().startsWith("/").default("/models").describe("Path below the base URL answered with 2xx when healthy."),
    interval: duration.default("10s"),
    timeout: duration.default("2s")
  }).strict().optional().describe("Active health checks; an unhealthy backend is routed around like an ejected one.")
}).strict();
var ruleSchema = external_exports.object({
  header: headerName.describe("Request header to test."),
  equals: external_exports.string().optional(),
  matches: external_exports.string().refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, "a valid regular expression").optional(),
  variant: name.describe("Backend the matching requests go to.")
}).strict();
var routeSchema = external_exports.object({
  name: name.describe("Route (experiment) name; part of the sticky hash."),
  models: external_exports.array(external_exports.string().min(1)).optional().describe("Request models this route serves; absent: every model."),
  weights: external_exports.record(name, external_exports.number().int().min(0).max(1e4)).describe("Share of traffic per backend in basis points; they add up to 10000."),
  sticky: external_exports.array(stickyKey).default(["header:x-user-id", "api-key", "client-address"]).describe("Where the sticky key comes from, first present wins: `header:<name>`, `api-key`, `client-address`."),
  rules: external_exports.array(ruleSchema).default([]).describe("Header-match rules for A/B tests; the first match wins over the weights."),
  fallback: external_exports.record(name, name).default({}).describe("Where a failing or ejected backend\u2019s requests go, e.g. `canary: stable`."),
  shadow: external_exports.object({
    variant: name.describe("Backend that receives the mirrored requests."),
    sampleRate: external_exports.number().min(0).max(1).describe("Share of requests mirrored (0..1)."),
    captureText: external_exports.boolean().default(false).describe("Keep the first 2000 characters of both answers for comparison.")
  }).strict().optional()
}).strict();
var gatewayConfigSchema = external_exports.object({
  version: external_exports.literal(1).describe("Format version; only `1` exists."),
  listen: listen.default("127.0.0.1:8080").describe("Where the OpenAI-compatible API listens."),
  admin: external_exports.object({
    listen: listen.default("127.0.0.1:8081").describe("Admin API, /metrics and /healthz; loopback unless you say otherwise."),
    tokenEnv: envName.default("SLIPWAY_GATEWAY_ADMIN_TOKEN").describe("The admin API is off unless this variable holds a token.")
  }).strict().prefault({}),
  overrideHeader: headerName.default("x-slipway-variant").describe("Header that sends a request to a named backend."),
  clientKeysEnv: envName.optional().describe("Variable with comma-separated client keys; when set, clients must send one as a Bearer token."),
  limits: external_exports.object({
    maxBodyBytes: external_exports.number().int().min(1).default(4 * 1024 * 1024).describe("Largest request body accepted (413 beyond).")
  }).strict().prefault({}),
  outlierDetection: external_exports.object({
    consecutiveFailures: external_exports.number().int().min(1).default(5),
    ejectFor: duration.default("30s").describe("Cool-down before an ejected backend gets traffic again.")
  }).strict().prefault({}),
  drainTimeout: duration.default("30s").describe("How long shutdown waits for requests in flight."),
  accessLog: external_exports.enum(["stdout", "stderr", "off"]).default("stdout").describe("JSON access log (no prompt bodies)."),
  requestLog: external_exports.object({
    sampleRate: external_exports.number().min(0).max(1).describe("Share of requests whose prompt and answer are logged, redacted."),
    redact: external_exports.array(external_exports.string()).default([]).describe("Extra regular expressions to mask, beside e-mail addresses and keys."),
    file: external_exports.string().min(1).optional().describe("Append one JSON line per sampled exchange to this file; without it each goes to the log."),
    captureText: external_exports.boolean().default(true).describe("Keep the prompt and answer text (redacted); false keeps only sizes and token counts."),
    maxTextChars: external_exports.number().int().min(0).max(1e5).default(2e3).describe("Texts are cut to this many characters."),
    keep: external_exports.number().int().min(0).max(1e5).default(5e3).describe("Entries kept in memory for `GET /admin/requests` (slipway monitor reads them).")
  }).strict().optional(),
  tracing: external_exports.object({
    otlpEndpoint: external_exports.url({ protocol: /^https?$/ }).describe("OTLP/HTTP endpoint, e.g. http://127.0.0.1:4318; spans are posted to <endpoint>/v1/traces as JSON."),
    sampleRate: external_exports.number().min(0).max(1).default(1).describe("Share of requests traced when the caller sent no sampled traceparent."),
    serviceName: external_exports.string().min(1).default("slipway-gateway")
  }).strict().optional().describe("OpenTelemetry traces: one span per request with the GenAI attributes; `traceparent` is continued and passed upstream."),
  stats: external_exports.object({ maxSamples: external_exports.number().int().min(100).max(1e6).default(2e4).describe("Samples kept per variant for /admin/stats.") }).strict().prefault({}),
  backends: external_exports.record(name, backendSchema).refine((b) => Object.keys(b).length > 0, "at least one backend"),
  routes: external_exports.array(routeSchema).min(1)
}).strict().superRefine((cfg, ctx) => {
  const known = new Set(Object.keys(cfg.backends));
  const list = [...known].join(", ");
  const names = /* @__PURE__ */ new Set();
  cfg.routes.forEach((route, i) => {
    const at = ["routes", i];
    if (names.has(route.name))
      ctx.addIssue({ code: "custom", path: [...at, "name"], message: `route name "${route.name}" is used twice` });
    names.add(route.name);
    let sum = 0;
    for (const [backend, w] of Object.entries(route.weights)) {
      sum += w;
      if (!known.has(backend))
        ctx.addIssue({ code: "custom", path: [...at, "weights", backend], message: `unknown backend "${backend}"; backends: ${list}` });
    }
    if (sum !== 1e4)
      ctx.addIssue({ code: "custom", path: [...at, "weights"], message: `weights add up to ${sum}; they must add up to 10000 (basis points)` });
    route.rules.forEach((r, j) => {
      if (!known.has(r.variant))
        ctx.addIssue({ code: "custom", path: [...at, "rules", j, "variant"], message: `unknown backend "${r.variant}"; backends: ${list}` });
      if (r.equals === void 0 === (r.matches === void 0))
        ctx.addIssue({ code: "custom", path: [...at, "rules", j], message: "a rule needs exactly one of equals or matches" });
    });
    for (const [from, to] of Object.entries(route.fallback)) {
      if (!known.has(from))
        ctx.addIssue({ code: "custom", path: [...at, "fallback", from], message: `unknown backend "${from}"; backends: ${list}` });
      if (!known.has(to))
        ctx.addIssue({ code: "custom", path: [...at, "fallback", from], message: `unknown backend "${to}"; backends: ${list}` });
      if (from === to)
        ctx.addIssue({ code: "custom", path: [...at, "fallback", from], message: "a backend cannot fall back to itself" });
    }
    if (route.shadow && !known.has(route.shadow.variant))
      ctx.addIssue({ code: "custom", path: [...at, "shadow", "variant"], message: `unknown backend "${route.shadow.variant}"; backends: ${list}` });
  });
}).meta({ title: "gateway.yml", description: "Slipway gateway: backends, routes with weights, sticky keys, rules, fallback and shadow." });
function gatewayConfigJsonSchema() {
  return external_exports.toJSONSchema(gatewayConfigSchema, { target: "draft-2020-12", io: "input" });
}
function parseGatewayConfig(text, file = "gateway.yml") {
  return parseYamlWithSchema(gatewayConfigSchema, text, file);
}
async function loadGatewayConfig(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = error.code;
    throw new ConfigError([
      { location: { file }, message: `cannot read the gateway configuration: ${code === "ENOENT" ? "no such file" : error.message}` }
    ]);
  }
  return parseGatewayConfig(text, file);
}
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function durationMs(text) {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 1e3);
  return total;
}
function parseListen(value) {
  if (typeof value === "number")
    return { host: "127.0.0.1", port: value };
  const i = value.lastIndexOf(":");
  return { host: value.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(value.slice(i + 1)) };
}

// packages/gateway/lib/internal/ecs-logger.js
function ecsLogger(write, secrets = [], minLevel = "info") {
  const mask = (text) => secrets.reduce((t, s) => s ? t.split(s).join("***") : t, text);
  const line = (level) => (message) => {
    if (level === "debug" && minLevel !== "debug")
      return;
    write(JSON.stringify({
      "@timestamp": (/* @__PURE__ */ new Date()).toISOString(),
      "log.level": level,
      message: mask(message),
      "ecs.version": ECS_VERSION,
      log: { logger: "slipway.gateway" },
      event: { dataset: "slipway.gateway.log" },
      service: { name: "slipway-gateway" }
    }));
  };
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

// packages/gateway/lib/internal/gateway.js
import { watch } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
import { createServer } from "node:http";
import path2 from "node:path";

// packages/gateway/lib/internal/state.js
import { createHash, timingSafeEqual } from "node:crypto";

// packages/gateway/lib/internal/router.js
var BUCKETS = 1e4;
function bucketOf(experiment, key) {
  let h = 2166136261;
  const text = `${experiment}\0${key}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return (h >>> 0) % BUCKETS;
}
function compileRoute(route) {
  const entries = Object.entries(route.weights);
  const [stable, low, high, ...rest] = entries;
  const slices = [];
  let bottom = 0;
  for (const [backend, weight] of [low, ...rest].filter((e) => e !== void 0)) {
    slices.push({ backend, from: bottom, to: bottom + weight });
    bottom += weight;
  }
  const top = BUCKETS - (high?.[1] ?? 0);
  if (high)
    slices.push({ backend: high[0], from: top, to: BUCKETS });
  if (stable)
    slices.push({ backend: stable[0], from: bottom, to: top });
  return {
    config: route,
    name: route.name,
    slices: slices.filter((s) => s.to > s.from),
    rules: route.rules.map((r) => {
      const re = r.matches === void 0 ? void 0 : new RegExp(r.matches);
      const equals = r.equals;
      return { header: r.header, variant: r.variant, test: re ? (v) => re.test(v) : (v) => v === equals };
    }),
    stickyKeys: route.sticky.map((k) => k === "api-key" ? { kind: "api-key" } : k === "client-address" ? { kind: "client-address" } : { kind: "header", header: k.slice(7) }),
    models: route.models ? new Set(route.models) : void 0
  };
}
function backendForBucket(route, bucket) {
  for (const s of route.slices)
    if (bucket >= s.from && bucket < s.to)
      return s.backend;
  return route.slices[route.slices.length - 1]?.backend ?? "";
}
function stickyKeyOf(route, headers, clientAddress) {
  for (const k of route.stickyKeys) {
    if (k.kind === "header") {
      const v = headers[k.header];
      if (typeof v === "string" && v !== "")
        return `h:${v}`;
    } else if (k.kind === "api-key") {
      const v = headers.authorization;
      if (typeof v === "string" && v !== "")
        return `k:${v}`;
    } else if (clientAddress) {
      return `a:${clientAddress}`;
    }
  }
  return void 0;
}
function assign(route, headers, clientAddress, overrideHeader, known) {
  const override = headers[overrideHeader];
  if (typeof override === "string" && known.has(override))
    return { variant: override, reason: "override" };
  for (const rule of route.rules) {
    const v = headers[rule.header];
    if (typeof v === "string" && rule.test(v))
      return { variant: rule.variant, reason: "rule" };
  }
  const key = stickyKeyOf(route, headers, clientAddress);
  if (key === void 0)
    return { variant: backendForBucket(route, Math.floor(Math.random() * BUCKETS)), reason: "random" };
  return { variant: backendForBucket(route, bucketOf(route.name, key)), reason: "sticky" };
}
function routeFor(routes, model) {
  for (const r of routes)
    if (!r.models || model !== void 0 && r.models.has(model))
      return r;
  return void 0;
}

// packages/gateway/lib/internal/state.js
function buildState(config, backends, version, env) {
  let clientKeys;
  if (config.clientKeysEnv) {
    const keys = (env[config.clientKeysEnv] ?? "").split(",").map((k) => k.trim()).filter(Boolean);
    if (keys.length === 0)
      throw new Error(`clientKeysEnv: the environment variable ${config.clientKeysEnv} holds no keys`);
    clientKeys = keys.map(digest);
  }
  return {
    version,
    config,
    routes: config.routes.map(compileRoute),
    backends,
    clientKeys,
    overrideHeader: config.overrideHeader,
    maxBodyBytes: config.limits.maxBodyBytes
  };
}
function digest(value) {
  return createHash("sha256").update(value).digest();
}
function secretMatches(presented, known) {
  if (presented === void 0)
    return false;
  const d = digest(presented);
  let ok = false;
  for (const k of known)
    if (timingSafeEqual(d, k))
      ok = true;
  return ok;
}
function bearer(header) {
  if (!header)
    return void 0;
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return m?.[1]?.trim();
}

// packages/gateway/lib/internal/admin.js
function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}
function problem(res, status, message, extra = {}) {
  json(res, status, { error: message, ...extra });
}
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size <= limit)
        chunks.push(c);
    });
    req.on("end", () => resolve(size > limit ? void 0 : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
function actorOf(req) {
  const raw = req.headers["x-slipway-actor"];
  const actor = typeof raw === "string" && /^[\w.@:/ -]{1,80}$/.test(raw) ? raw : "admin-token";
  return { actor, remote: req.socket.remoteAddress ?? "unknown" };
}
function windowOf(url, fallback) {
  const w = url.searchParams.get("window") ?? fallback;
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(w))
    throw new ConfigError([{ location: { file: "window" }, message: `window=${JSON.stringify(w)}: expected a duration such as 60s or 5m` }]);
  return durationMs(w);
}
async function handleAdmin(target, req, res) {
  const url = new URL(req.url ?? "/", "http://admin");
  const method = req.method ?? "GET";
  if (url.pathname === "/healthz" || url.pathname === "/readyz") {
    return json(res, target.draining() ? 503 : 200, { status: target.draining() ? "draining" : "ok", version: target.version() });
  }
  if (url.pathname === "/metrics" && method === "GET") {
    const text = target.metrics();
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8", "content-length": Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  if (!url.pathname.startsWith("/admin/"))
    return problem(res, 404, `no such admin path: ${url.pathname}`);
  if (!target.adminToken) {
    req.resume();
    return problem(res, 404, "the admin API is off: set the variable named by admin.tokenEnv (default SLIPWAY_GATEWAY_ADMIN_TOKEN) to a token");
  }
  if (!secretMatches(bearer(req.headers.authorization), target.adminToken)) {
    req.resume();
    return problem(res, 401, "missing or wrong admin token: send Authorization: Bearer <token>");
  }
  try {
    const who = actorOf(req);
    if (url.pathname === "/admin/routes" && method === "GET")
      return json(res, 200, target.routes());
    if (url.pathname === "/admin/config" && method === "GET")
      return json(res, 200, { version: target.version(), config: target.config() });
    if (url.pathname === "/admin/stats" && method === "GET") {
      const recent = Math.min(1e3, Math.max(0, Number(url.searchParams.get("recent") ?? 20) || 0));
      const exclude = (url.searchParams.get("exclude") ?? "").split(",").filter((x) => x !== "");
      return json(res, 200, target.stats(windowOf(url, "60s"), recent, exclude));
    }
    if (url.pathname === "/admin/shadow" && method === "GET") {
      const limit = Math.min(1e4, Math.max(1, Number(url.searchParams.get("limit") ?? 100) || 100));
      return json(res, 200, target.shadow(windowOf(url, "5m"), limit));
    }
    if (url.pathname === "/admin/requests" && method === "GET") {
      const limit = Math.min(1e4, Math.max(1, Number(url.searchParams.get("limit") ?? 1e3) || 1e3));
      return json(res, 200, target.requests(windowOf(url, "1h"), limit));
    }
    if (url.pathname === "/admin/changes" && method === "GET")
      return json(res, 200, { changes: target.changes() });
    const weights = /^\/admin\/routes\/([^/]+)\/weights$/.exec(url.pathname);
    if (weights && (method === "PUT" || method === "POST")) {
      const text = await readBody(req, target.maxBodyBytes);
      if (text === void 0)
        return problem(res, 413, "body too large");
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return problem(res, 400, 'the body must be JSON: {"weights": {"stable": 9000, "canary": 1000}}');
      }
      const wanted = body?.weights;
      if (typeof wanted !== "object" || wanted === null || Array.isArray(wanted))
        return problem(res, 400, 'the body must be JSON: {"weights": {"stable": 9000, "canary": 1000}}');
      const name2 = decodeURIComponent(weights[1] ?? "");
      const config = structuredClone(target.config());
      const route = config.routes.find((r) => r.name === name2);
      if (!route)
        return problem(res, 404, `no route named ${JSON.stringify(name2)}; routes: ${config.routes.map((r) => r.name).join(", ")}`);
      const merged = {};
      for (const k of Object.keys(route.weights))
        merged[k] = k in wanted ? wanted[k] : 0;
      for (const [k, v] of Object.entries(wanted))
        if (!(k in merged))
          merged[k] = v;
      route.weights = merged;
      const change = await target.apply(config, "PUT /admin/routes/weights", who, "set-weights");
      return json(res, 200, { version: change.version, route: name2, weights: merged, change });
    }
    if (url.pathname === "/admin/config" && (method === "PUT" || method === "POST")) {
      const text = await readBody(req, target.maxBodyBytes);
      if (text === void 0)
        return problem(res, 413, "body too large");
      const change = await target.applyText(text, "PUT /admin/config", who, "replace-config");
      return json(res, 200, { version: change.version, change });
    }
    return problem(res, 404, `no such admin endpoint: ${method} ${url.pathname}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      return problem(res, 400, `refused, the running configuration is unchanged: ${error.message}`, {
        problems: error.problems.map((p) => ({ ...p.location, message: p.message }))
      });
    }
    return problem(res, 500, `admin request failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// packages/gateway/lib/internal/metrics.js
var SECONDS_BUCKETS = [1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];
var FINE_BUCKETS = [5e-4, 1e-3, 25e-4, 5e-3, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];
var TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];
var Histogram = class {
  buckets;
  counts;
  sum = 0;
  count = 0;
  constructor(buckets) {
    this.buckets = buckets;
    this.counts = new Float64Array(buckets.length);
  }
  observe(v) {
    this.sum += v;
    this.count++;
    const b = this.buckets;
    for (let i = 0; i < b.length; i++) {
      if (v <= b[i]) {
        this.counts[i] = this.counts[i] + 1;
        return;
      }
    }
  }
};
var HISTOGRAMS = {
  gen_ai_client_operation_duration_seconds: ["GenAI operation duration, as the client sees it through the gateway.", SECONDS_BUCKETS],
  gen_ai_server_request_duration_seconds: ["Backend request duration, to the last byte.", SECONDS_BUCKETS],
  gen_ai_server_time_to_first_token_seconds: ["Time to the first streamed token (successful streams).", SECONDS_BUCKETS],
  gen_ai_client_operation_time_to_first_chunk_seconds: ["Time to the first chunk of a streamed answer.", SECONDS_BUCKETS],
  gen_ai_server_time_per_output_token_seconds: ["Time per output token after the first (successful streams).", FINE_BUCKETS],
  gen_ai_client_operation_time_per_output_chunk_seconds: ["Mean time between chunks of a streamed answer.", FINE_BUCKETS],
  gen_ai_client_token_usage: ["Input and output tokens per operation (gen_ai_token_type).", TOKEN_BUCKETS],
  // The newer client-inference names (chat and text completions only).
  gen_ai_client_inference_duration_seconds: ["GenAI inference duration as the client sees it; error_type on failures.", SECONDS_BUCKETS],
  gen_ai_client_inference_time_to_first_chunk_seconds: ["Time to the first chunk of a streamed inference.", SECONDS_BUCKETS],
  gen_ai_client_inference_time_per_output_chunk_seconds: ["Mean time between output chunks of a streamed inference.", FINE_BUCKETS],
  gen_ai_client_inference_operation_input_tokens: ["Input tokens per inference operation.", TOKEN_BUCKETS],
  gen_ai_client_inference_operation_output_tokens: ["Output tokens per inference operation.", TOKEN_BUCKETS]
};
var COUNTERS = {
  gen_ai_client_inference_usage_input_tokens_total: "Input tokens used by inference operations (0 when no usage came back).",
  gen_ai_client_inference_usage_output_tokens_total: "Output tokens used by inference operations (0 when no usage came back).",
  slipway_gateway_requests_total: "Requests by variant, backend, operation and status class.",
  slipway_gateway_errors_total: "Failed requests by error class (error_type).",
  slipway_gateway_tokens_total: "Tokens by type (input, output).",
  slipway_gateway_cost_usd_total: "Cost in US dollars, from the backends\u2019 configured prices.",
  slipway_gateway_retries_total: "Upstream attempts retried before the first byte.",
  slipway_gateway_fallbacks_total: "Requests served by a fallback backend.",
  slipway_gateway_shadow_requests_total: "Mirrored (shadow) requests by outcome.",
  slipway_gateway_ejections_total: "Outlier ejections of a backend.",
  slipway_gateway_config_reloads_total: "Configuration changes applied or refused (result)."
};
function labelText(labels) {
  return Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`).join(",");
}
var Metrics = class {
  histograms = /* @__PURE__ */ new Map();
  counters = /* @__PURE__ */ new Map();
  /** Gauges are read when scraped. */
  gauges = [];
  constructor() {
    for (const [name2, [help, buckets]] of Object.entries(HISTOGRAMS))
      this.histograms.set(name2, { help, buckets, series: /* @__PURE__ */ new Map() });
    for (const [name2, help] of Object.entries(COUNTERS))
      this.counters.set(name2, { help, series: /* @__PURE__ */ new Map() });
  }
  observe(name2, key, labels, value) {
    const fam = this.histograms.get(name2);
    let s = fam.series.get(key);
    if (!s) {
      s = { labels: labelText(labels()), h: new Histogram(fam.buckets) };
      fam.series.set(key, s);
    }
    s.h.observe(value);
  }
  inc(name2, key, labels, by = 1) {
    const fam = this.counters.get(name2);
    let s = fam.series.get(key);
    if (!s) {
      s = { labels: labelText(labels()), value: 0 };
      fam.series.set(key, s);
    }
    s.value += by;
  }
  gauge(name2, help, read) {
    this.gauges.push({ name: name2, help, read });
  }
  /** The Prometheus text exposition format, version 0.0.4. */
  render() {
    const out = [];
    for (const [name2, fam] of this.histograms) {
      out.push(`# HELP ${name2} ${fam.help}`, `# TYPE ${name2} histogram`);
      for (const { labels, h } of fam.series.values()) {
        let cumulative = 0;
        const sep = labels ? `${labels},` : "";
        fam.buckets.forEach((le, i) => {
          cumulative += h.counts[i];
          out.push(`${name2}_bucket{${sep}le="${le}"} ${cumulative}`);
        });
        out.push(`${name2}_bucket{${sep}le="+Inf"} ${h.count}`, `${name2}_sum{${labels}} ${h.sum}`, `${name2}_count{${labels}} ${h.count}`);
      }
    }
    for (const [name2, fam] of this.counters) {
      out.push(`# HELP ${name2} ${fam.help}`, `# TYPE ${name2} counter`);
      for (const { labels, value } of fam.series.values())
        out.push(`${name2}{${labels}} ${value}`);
    }
    for (const g of this.gauges) {
      out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const { labels, value } of g.read())
        out.push(`${g.name}{${labelText(labels)}} ${value}`);
    }
    return `${out.join("\n")}
`;
  }
};

// packages/gateway/lib/internal/proxy.js
import { randomUUID } from "node:crypto";

// packages/gateway/lib/internal/forwarding.js
var HOP_BY_HOP = /* @__PURE__ */ new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade"
]);
var OPERATIONS = {
  "/v1/chat/completions": "chat",
  "/v1/completions": "text_completion",
  "/v1/embeddings": "embeddings",
  "/v1/models": "models"
};
function sendError(res, status, type, message, extra = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, type, param: null, code: type } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...extra });
  res.end(body);
}
function errorClass(status) {
  if (status < 400)
    return void 0;
  if (status === 429)
    return "rate_limited";
  if (status >= 500)
    return "upstream_5xx";
  return "upstream_4xx";
}
function retryableStatus(status) {
  return status === 429 || status >= 500;
}
function parseBody(body, operation) {
  if (!body || operation === "other" || operation === "models")
    return { json: void 0, model: void 0, stream: false };
  try {
    const json2 = JSON.parse(body.toString("utf8"));
    if (typeof json2 !== "object" || json2 === null || Array.isArray(json2))
      return { json: void 0, model: void 0, stream: false };
    const o = json2;
    return { json: o, model: typeof o.model === "string" ? o.model : void 0, stream: o.stream === true };
  } catch {
    return { json: void 0, model: void 0, stream: false };
  }
}
function upstreamPath(backend, clientPath) {
  return clientPath.startsWith("/v1/") || clientPath === "/v1" ? backend.basePath + clientPath.slice(3) : backend.basePath + clientPath;
}
function bodyFor(backend, body, parsed) {
  const mapped = parsed.model !== void 0 ? backend.config.models?.[parsed.model] : void 0;
  if (mapped === void 0 || !parsed.json)
    return body;
  return Buffer.from(JSON.stringify({ ...parsed.json, model: mapped }));
}
function headersFor(state, backend, req, body, id, pairId, traceparent) {
  const out = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(k) || k === "host" || k === "content-length" || k === state.overrideHeader)
      continue;
    if (k === "authorization" && (backend.authorization !== void 0 || state.clientKeys !== void 0))
      continue;
    const v = raw[i + 1];
    const prev = out[k];
    out[k] = prev === void 0 ? v : `${String(prev)}, ${v}`;
  }
  out.host = backend.url.host;
  if (backend.authorization)
    out.authorization = backend.authorization;
  if (body)
    out["content-length"] = body.length;
  out["x-request-id"] ??= id;
  if (pairId)
    out["x-slipway-pair-id"] = pairId;
  if (traceparent)
    out.traceparent = traceparent;
  return out;
}
function responseHeaders(up, extra, draining) {
  const out = {};
  const raw = up.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(k))
      continue;
    const v = raw[i + 1];
    const prev = out[k];
    out[k] = prev === void 0 ? v : Array.isArray(prev) ? [...prev, v] : [String(prev), v];
  }
  Object.assign(out, extra);
  if (draining)
    out.connection = "close";
  return out;
}

// packages/gateway/lib/internal/observe.js
import { StringDecoder } from "node:string_decoder";
var TEXT_LIMIT = 2e3;
var BODY_LIMIT = 1024 * 1024;
function hasText(payload) {
  const c = payload.indexOf('"content":"');
  if (c !== -1 && payload.charCodeAt(c + 11) !== 34)
    return true;
  const t = payload.indexOf('"text":"');
  return t !== -1 && payload.charCodeAt(t + 8) !== 34;
}
function readUsage(obs, json2) {
  const usage = /"usage":\{([^}]*)\}/.exec(json2)?.[1];
  if (!usage)
    return;
  const prompt = /"prompt_tokens":(\d+)/.exec(usage)?.[1];
  const completion = /"completion_tokens":(\d+)/.exec(usage)?.[1];
  if (prompt !== void 0)
    obs.inputTokens = Number(prompt);
  if (completion !== void 0)
    obs.outputTokens = Number(completion);
}
function appendText(obs, payload) {
  if ((obs.text?.length ?? 0) >= TEXT_LIMIT)
    return;
  try {
    const parsed = JSON.parse(payload);
    const c = parsed.choices?.[0];
    const piece = c?.delta?.content ?? c?.message?.content ?? c?.text ?? "";
    obs.text = ((obs.text ?? "") + piece).slice(0, TEXT_LIMIT);
  } catch {
  }
}
var SseObserver = class {
  captureText;
  obs = { contentChunks: 0, done: false, errorEvent: false };
  // Markers and numbers are ASCII, so latin1 (one char a byte, no split characters) is enough to
  // find them, and cheaper than UTF-8; only captured text needs real decoding.
  decoder;
  pending = "";
  constructor(captureText) {
    this.captureText = captureText;
    this.decoder = captureText ? new StringDecoder("utf8") : void 0;
  }
  chunk(data) {
    const decoded = this.decoder ? this.decoder.write(data) : data.toString("latin1");
    const text = this.pending === "" ? decoded : this.pending + decoded;
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      if (nl > start)
        this.line(text, start, nl);
      start = nl + 1;
    }
    this.pending = start === text.length ? "" : text.slice(start);
    if (this.pending.length > BODY_LIMIT)
      this.pending = "";
  }
  line(text, start, end) {
    if (!text.startsWith("data:", start))
      return;
    const payload = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end).trimEnd();
    if (payload === "[DONE]") {
      this.obs.done = true;
      return;
    }
    if (payload.startsWith('{"error"') || /^\{\s*"error"\s*:/.test(payload)) {
      this.obs.errorEvent = true;
      return;
    }
    if (hasText(payload)) {
      this.obs.contentChunks++;
      if (this.obs.firstTokenAt === void 0)
        this.obs.firstTokenAt = performance.now();
      if (this.captureText)
        appendText(this.obs, payload);
    }
    if (payload.includes('"usage":{'))
      readUsage(this.obs, payload);
  }
};
var JsonObserver = class {
  captureText;
  obs = { contentChunks: 0, done: false, errorEvent: false };
  chunks = [];
  size = 0;
  constructor(captureText) {
    this.captureText = captureText;
  }
  chunk(data) {
    if (this.size + data.length > BODY_LIMIT)
      return;
    this.chunks.push(data);
    this.size += data.length;
  }
  /** The body kept so far, as text. */
  body() {
    return Buffer.concat(this.chunks, this.size).toString("utf8");
  }
  end() {
    const body = this.body();
    readUsage(this.obs, body.length > 4096 ? body.slice(-4096) : body);
    if (this.obs.inputTokens === void 0 && body.length > 4096)
      readUsage(this.obs, body);
    if (this.captureText)
      appendText(this.obs, body);
  }
};

// packages/gateway/lib/internal/record.js
var INFERENCE = /* @__PURE__ */ new Set(["chat", "text_completion"]);
function record(ctx, sample, backend, obs, info) {
  const m = ctx.metrics;
  const key = `${sample.variant}|${sample.backend}|${sample.operation}`;
  const labels = () => ({
    gen_ai_operation_name: sample.operation,
    slipway_variant: sample.variant,
    slipway_backend: sample.backend,
    slipway_route: sample.route
  });
  const statusClass = `${Math.floor(sample.status / 100)}xx`;
  m.inc("slipway_gateway_requests_total", `${key}|${statusClass}`, () => ({ ...labels(), http_response_status_class: statusClass }));
  if (!sample.ok)
    m.inc("slipway_gateway_errors_total", `${key}|${sample.error}`, () => ({ ...labels(), error_type: sample.error ?? "unknown" }));
  if (info.fallback)
    m.inc("slipway_gateway_fallbacks_total", key, labels);
  const seconds = sample.latencyMs / 1e3;
  m.observe("gen_ai_client_operation_duration_seconds", key, labels, seconds);
  if (sample.ok)
    m.observe("gen_ai_server_request_duration_seconds", key, labels, seconds);
  if (sample.stream && sample.ttftMs !== void 0) {
    m.observe("gen_ai_client_operation_time_to_first_chunk_seconds", key, labels, sample.ttftMs / 1e3);
    if (sample.ok)
      m.observe("gen_ai_server_time_to_first_token_seconds", key, labels, sample.ttftMs / 1e3);
    if (sample.ok && sample.outputTokens > 1) {
      const perToken = (sample.latencyMs - sample.ttftMs) / 1e3 / (sample.outputTokens - 1);
      m.observe("gen_ai_server_time_per_output_token_seconds", key, labels, perToken);
      const chunks = obs?.contentChunks ?? 0;
      if (chunks > 1)
        m.observe("gen_ai_client_operation_time_per_output_chunk_seconds", key, labels, (sample.latencyMs - sample.ttftMs) / 1e3 / (chunks - 1));
    }
  }
  if (sample.inputTokens > 0 || sample.outputTokens > 0) {
    m.observe("gen_ai_client_token_usage", `${key}|input`, () => ({ ...labels(), gen_ai_token_type: "input" }), sample.inputTokens);
    m.observe("gen_ai_client_token_usage", `${key}|output`, () => ({ ...labels(), gen_ai_token_type: "output" }), sample.outputTokens);
    m.inc("slipway_gateway_tokens_total", `${key}|input`, () => ({ ...labels(), gen_ai_token_type: "input" }), sample.inputTokens);
    m.inc("slipway_gateway_tokens_total", `${key}|output`, () => ({ ...labels(), gen_ai_token_type: "output" }), sample.outputTokens);
    const price = backend.config.price;
    if (price) {
      const cost = (sample.inputTokens * price.inputPerMillion + sample.outputTokens * price.outputPerMillion) / 1e6;
      m.inc("slipway_gateway_cost_usd_total", key, labels, cost);
    }
  }
  if (INFERENCE.has(sample.operation))
    recordInference(ctx, sample, key, labels, obs);
  ctx.stats.record(sample);
  if (ctx.accessLog)
    ctx.accessLog(ecsAccessLine(sample, info));
}
function recordInference(ctx, sample, key, labels, obs) {
  const m = ctx.metrics;
  const base = () => ({ ...labels(), gen_ai_provider_name: "openai" });
  if (sample.ok)
    m.observe("gen_ai_client_inference_duration_seconds", key, base, sample.latencyMs / 1e3);
  else
    m.observe("gen_ai_client_inference_duration_seconds", `${key}|${sample.error}`, () => ({ ...base(), error_type: sample.error ?? "unknown" }), sample.latencyMs / 1e3);
  if (sample.stream && sample.ttftMs !== void 0) {
    m.observe("gen_ai_client_inference_time_to_first_chunk_seconds", key, base, sample.ttftMs / 1e3);
    const chunks = obs?.contentChunks ?? 0;
    if (chunks > 1)
      m.observe("gen_ai_client_inference_time_per_output_chunk_seconds", key, base, (sample.latencyMs - sample.ttftMs) / 1e3 / (chunks - 1));
  }
  const withModality = () => ({ ...base(), gen_ai_token_modality: "unknown" });
  m.inc("gen_ai_client_inference_usage_input_tokens_total", key, withModality, sample.inputTokens);
  m.inc("gen_ai_client_inference_usage_output_tokens_total", key, withModality, sample.outputTokens);
  if (sample.inputTokens > 0 || sample.outputTokens > 0) {
    m.observe("gen_ai_client_inference_operation_input_tokens", key, base, sample.inputTokens);
    m.observe("gen_ai_client_inference_operation_output_tokens", key, base, sample.outputTokens);
  }
}

// packages/gateway/lib/internal/upstream.js
import http, {} from "node:http";
import https from "node:https";
var AttemptError = class extends Error {
  kind;
  name = "AttemptError";
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
};
function attempt(backend, method, path3, headers, body) {
  let req;
  const promise = new Promise((resolve, reject) => {
    let settled = false;
    const fail = (kind, message) => {
      if (settled)
        return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      reject(new AttemptError(kind, message));
    };
    const timer = setTimeout(() => fail("first_byte_timeout", `${backend.name}: no answer within ${backend.firstByteMs} ms`), backend.firstByteMs);
    req = backend.transport.request({
      protocol: backend.url.protocol,
      hostname: backend.url.hostname,
      port: backend.url.port,
      method,
      path: path3,
      headers,
      agent: backend.agent
    });
    req.on("socket", (socket) => {
      if (!socket.connecting)
        return;
      const connectTimer = setTimeout(() => fail("connect_timeout", `${backend.name}: no connection within ${backend.connectMs} ms`), backend.connectMs);
      socket.once("connect", () => clearTimeout(connectTimer));
      socket.once("close", () => clearTimeout(connectTimer));
    });
    req.on("error", (e) => {
      fail(e.code === "ECONNREFUSED" || e.code === "ENOTFOUND" || e.code === "EHOSTUNREACH" ? "connect" : "reset", `${backend.name}: ${e.code ?? e.message}`);
    });
    req.on("response", (res) => {
      const abort = () => {
        res.destroy();
        req?.destroy();
      };
      const onData = (chunk) => {
        res.off("data", onData);
        res.off("end", onEnd);
        res.pause();
        if (settled)
          return;
        settled = true;
        clearTimeout(timer);
        resolve({ res, first: chunk, ended: false, firstByteAt: performance.now(), abort });
      };
      const onEnd = () => {
        res.off("data", onData);
        if (settled)
          return;
        settled = true;
        clearTimeout(timer);
        resolve({ res, first: void 0, ended: true, firstByteAt: performance.now(), abort });
      };
      res.on("data", onData);
      res.on("end", onEnd);
      res.on("error", () => fail("reset", `${backend.name}: the answer broke off before its first byte`));
    });
    req.end(body);
  });
  return Object.assign(promise, { cancel: () => req?.destroy() });
}
function closeIdle(agent) {
  for (const sockets of Object.values(agent.freeSockets))
    for (const socket of sockets ?? [])
      socket.destroy();
}
var BackendPool = class {
  log;
  env;
  backends = /* @__PURE__ */ new Map();
  constructor(log, env) {
    this.log = log;
    this.env = env;
  }
  get(name2) {
    return this.backends.get(name2);
  }
  all() {
    return [...this.backends.values()];
  }
  /** Builds the backends of a new config, keeping agents and health of those whose URL did not change. Throws on a missing key. */
  prepare(configs) {
    const next = /* @__PURE__ */ new Map();
    for (const [name2, config] of Object.entries(configs)) {
      const apiKey = config.apiKeyEnv ? this.env[config.apiKeyEnv] : void 0;
      if (config.apiKeyEnv && !apiKey)
        throw new Error(`backends.${name2}.apiKeyEnv: the environment variable ${config.apiKeyEnv} is not set`);
      const old = this.backends.get(name2);
      const url = new URL(config.url);
      const same = old && old.url.href === url.href;
      const transport = url.protocol === "https:" ? https : http;
      next.set(name2, {
        name: name2,
        config,
        url,
        basePath: url.pathname.replace(/\/+$/, ""),
        agent: same ? old.agent : new transport.Agent({ keepAlive: true, scheduling: "lifo", keepAliveMsecs: 1e4 }),
        transport,
        authorization: apiKey ? `Bearer ${apiKey}` : void 0,
        apiKey,
        connectMs: durationMs(config.timeouts.connect),
        firstByteMs: durationMs(config.timeouts.firstByte),
        totalMs: durationMs(config.timeouts.total),
        retries: config.retries,
        consecutiveFailures: same ? old.consecutiveFailures : 0,
        ejectedUntil: same ? old.ejectedUntil : 0,
        healthy: same ? old.healthy : true,
        load: same ? old.load : { inFlight: 0 },
        healthTimer: void 0
      });
    }
    return next;
  }
  /** Makes `next` (from {@link prepare}) the live set; backends dropped or replaced close once idle. */
  commit(next) {
    for (const [name2, old] of this.backends) {
      if (old.healthTimer)
        clearInterval(old.healthTimer);
      const kept = next.get(name2);
      if (!kept || kept.agent !== old.agent) {
        closeIdle(old.agent);
        setTimeout(() => closeIdle(old.agent), 6e4).unref();
      }
    }
    this.backends.clear();
    for (const [name2, b] of next) {
      this.backends.set(name2, b);
      this.startHealthCheck(b);
    }
  }
  startHealthCheck(b) {
    const hc = b.config.healthCheck;
    if (!hc)
      return;
    const timeout = durationMs(hc.timeout);
    const check = () => {
      const req = b.transport.request({
        protocol: b.url.protocol,
        hostname: b.url.hostname,
        port: b.url.port,
        path: b.basePath + hc.path,
        method: "GET",
        agent: b.agent,
        timeout,
        headers: b.authorization ? { authorization: b.authorization } : {}
      }, (res) => {
        res.resume();
        this.setHealth(b, (res.statusCode ?? 500) < 400);
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => this.setHealth(b, false));
      req.end();
    };
    b.healthTimer = setInterval(check, durationMs(hc.interval));
    b.healthTimer.unref();
    check();
  }
  setHealth(b, healthy) {
    if (b.healthy !== healthy)
      this.log.warn(`gateway: backend ${b.name} is now ${healthy ? "healthy" : "unhealthy"} (health check)`);
    b.healthy = healthy;
  }
  /** Stops health checks and closes every connection. */
  close() {
    for (const b of this.backends.values()) {
      if (b.healthTimer)
        clearInterval(b.healthTimer);
      b.agent.destroy();
    }
  }
};

// packages/gateway/lib/internal/shadow.js
var inFlight = 0;
function shadowsInFlight() {
  return inFlight;
}
function shadow(ctx, state, target, req, url, body, parsed, id, pairId, route, captureText) {
  inFlight++;
  const started = performance.now();
  const outBody = bodyFor(target, body, parsed);
  const done = (status, error, obs) => {
    inFlight--;
    const ok = error === void 0;
    ctx.metrics.inc("slipway_gateway_shadow_requests_total", `${target.name}|${ok}`, () => ({ slipway_backend: target.name, outcome: ok ? "ok" : "error" }));
    ctx.stats.recordPair(pairId, route, "shadow", {
      variant: target.name,
      status,
      ok,
      ...error !== void 0 ? { error } : {},
      latencyMs: performance.now() - started,
      outputTokens: obs?.outputTokens ?? (parsed.stream ? obs?.contentChunks ?? 0 : 0),
      ...obs?.text !== void 0 ? { text: obs.text } : {}
    });
  };
  attempt(target, req.method ?? "POST", upstreamPath(target, url), headersFor(state, target, req, outBody, `${id}-shadow`, pairId), outBody).then((answer) => {
    const up = answer.res;
    const status = up.statusCode ?? 502;
    const observer = parsed.stream && status === 200 ? new SseObserver(captureText) : new JsonObserver(captureText);
    if (answer.first)
      observer.chunk(answer.first);
    const end = () => {
      if (observer instanceof JsonObserver)
        observer.end();
      let error = errorClass(status);
      if (error === void 0 && observer instanceof SseObserver)
        error = observer.obs.errorEvent ? "stream_error" : observer.obs.done ? void 0 : "stream_cut";
      done(status, error, observer.obs);
    };
    if (answer.ended || up.readableEnded)
      return end();
    up.on("data", (c) => observer.chunk(c));
    up.once("end", end);
    up.once("close", () => {
      if (!up.complete)
        done(status, "stream_cut", observer.obs);
    });
    up.resume();
  }, (error) => done(502, error instanceof AttemptError ? error.kind : "reset", void 0));
}

// packages/gateway/lib/internal/proxy.js
function available(b, now) {
  return b?.healthy === true && b.ejectedUntil <= now;
}
function handleRequest(ctx, req, res) {
  const started = performance.now();
  const state = ctx.state();
  const id = randomUUID();
  if (state.clientKeys && !secretMatches(bearer(req.headers.authorization), state.clientKeys)) {
    req.resume();
    sendError(res, 401, "invalid_api_key", "gateway: missing or unknown client key; send Authorization: Bearer <key>");
    return;
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > state.maxBodyBytes) {
    req.resume();
    sendError(res, 413, "request_too_large", `gateway: request body of ${declared} bytes is over the limit of ${state.maxBodyBytes}`, { connection: "close" });
    return;
  }
  const chunks = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (c) => {
    if (tooLarge)
      return;
    size += c.length;
    if (size > state.maxBodyBytes) {
      tooLarge = true;
      sendError(res, 413, "request_too_large", `gateway: request body is over the limit of ${state.maxBodyBytes} bytes`, { connection: "close" });
      return;
    }
    chunks.push(c);
  });
  req.on("end", () => {
    if (tooLarge)
      return;
    const body = chunks.length === 0 ? void 0 : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    forward(ctx, state, req, res, id, started, body);
  });
}
function forward(ctx, state, req, res, id, started, body) {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path3 = q === -1 ? url : url.slice(0, q);
  const operation = OPERATIONS[path3] ?? "other";
  const parsed = parseBody(body, operation);
  const route = routeFor(state.routes, parsed.model) ?? state.routes[0];
  if (!route) {
    sendError(res, 404, "not_found", `gateway: no route serves model ${JSON.stringify(parsed.model)}`);
    return;
  }
  const clientAddress = req.socket.remoteAddress;
  const { variant, reason } = assign(route, req.headers, clientAddress, state.overrideHeader, state.backends);
  const trace = ctx.tracer?.begin(req.headers.traceparent);
  const now = Date.now();
  let backend = state.backends.get(variant);
  let usedFallback = false;
  const fallbackOf = (b) => {
    const name2 = route.config.fallback[b.name];
    return name2 === void 0 ? void 0 : state.backends.get(name2);
  };
  if (!available(backend, now) && reason !== "override") {
    const fb = fallbackOf(backend);
    if (available(fb, now)) {
      backend = fb;
      usedFallback = true;
    }
  }
  const shadowCfg = route.config.shadow;
  const pairId = shadowCfg && operation !== "other" && operation !== "models" && shadowCfg.variant !== backend.name && Math.random() < shadowCfg.sampleRate && shadowsInFlight() < ctx.maxShadowInFlight ? randomUUID() : void 0;
  const logged = body !== void 0 && ctx.requestLog?.sampled() === true;
  const captureText = pairId !== void 0 && shadowCfg?.captureText === true || logged;
  let finished = false;
  let current;
  let upstream;
  let clientGone = false;
  let retries = 0;
  const totalTimer = setTimeout(() => {
    if (finished)
      return;
    current?.cancel();
    upstream?.abort();
    if (!res.headersSent)
      sendError(res, 504, "timeout", `gateway: ${backend.name} did not finish within ${backend.totalMs} ms`);
    else
      res.destroy();
    finish(res.headersSent ? 200 : 504, "timeout_total", void 0);
  }, backend.totalMs);
  res.on("close", () => {
    if (finished)
      return;
    clientGone = true;
    current?.cancel();
    upstream?.abort();
    finish(res.headersSent ? res.statusCode : 499, "client_abort", void 0);
  });
  const fail = (b) => {
    b.consecutiveFailures++;
    if (b.consecutiveFailures >= ctx.ejectAfter && b.ejectedUntil <= Date.now()) {
      b.ejectedUntil = Date.now() + ctx.ejectForMs;
      b.consecutiveFailures = 0;
      ctx.onEject(b);
    }
  };
  const finish = (status, error, obs, countFailure = true) => {
    if (finished)
      return;
    finished = true;
    clearTimeout(totalTimer);
    backend.load.inFlight--;
    const latencyMs = performance.now() - started;
    const ttftMs = obs?.firstTokenAt !== void 0 ? obs.firstTokenAt - started : void 0;
    const inputTokens = obs?.inputTokens ?? 0;
    const outputTokens = obs?.outputTokens ?? (parsed.stream ? obs?.contentChunks ?? 0 : 0);
    const ok = error === void 0;
    if (ok)
      backend.consecutiveFailures = 0;
    else if (countFailure && error !== "client_abort" && error !== "upstream_4xx" && error !== "rate_limited")
      fail(backend);
    record(ctx, {
      at: Date.now(),
      id,
      variant,
      backend: backend.name,
      route: route.name,
      operation,
      status,
      ok,
      ...error !== void 0 ? { error } : {},
      latencyMs,
      ...ttftMs !== void 0 ? { ttftMs } : {},
      inputTokens,
      outputTokens,
      stream: parsed.stream,
      assignment: reason
    }, backend, obs, {
      method: req.method ?? "GET",
      path: path3,
      clientAddress,
      model: parsed.model,
      traceId: trace?.traceId,
      reason,
      retries,
      fallback: usedFallback,
      pairId
    });
    if (trace && ctx.tracer) {
      ctx.tracer.end(trace, {
        operation,
        model: parsed.model,
        serverAddress: backend.url.hostname,
        serverPort: Number(backend.url.port || (backend.url.protocol === "https:" ? 443 : 80)),
        status,
        error,
        inputTokens,
        outputTokens,
        ttftMs,
        variant,
        backend: backend.name,
        route: route.name,
        assignment: reason,
        stream: parsed.stream
      });
    }
    if (logged && body) {
      ctx.requestLog?.record({
        at: Date.now(),
        id,
        route: route.name,
        variant,
        backend: backend.name,
        operation,
        ...parsed.model !== void 0 ? { model: parsed.model } : {},
        status,
        ok,
        ...error !== void 0 ? { error } : {},
        latencyMs,
        ...ttftMs !== void 0 ? { ttftMs } : {},
        inputTokens,
        outputTokens,
        body: body.toString("utf8"),
        output: obs?.text
      });
    }
    if (pairId) {
      ctx.stats.recordPair(pairId, route.name, "primary", {
        variant: backend.name,
        status,
        ok,
        ...error !== void 0 ? { error } : {},
        latencyMs,
        outputTokens,
        ...obs?.text !== void 0 && shadowCfg?.captureText === true ? { text: obs.text } : {}
      });
    }
  };
  const pass = (answer) => {
    upstream = answer;
    const up = answer.res;
    const status = up.statusCode ?? 502;
    const observer = parsed.stream && status === 200 ? new SseObserver(captureText) : new JsonObserver(captureText);
    const extra = { "x-slipway-variant": variant, "x-slipway-backend": backend.name, "x-slipway-request-id": id };
    if (pairId)
      extra["x-slipway-pair-id"] = pairId;
    const headers = responseHeaders(up, extra, ctx.draining());
    const redactKey = status >= 400 && backend.apiKey !== void 0;
    if (redactKey)
      delete headers["content-length"];
    res.writeHead(status, headers);
    const write = (chunk) => {
      const out = redactKey ? Buffer.from(chunk.toString("utf8").split(backend.apiKey).join("***")) : chunk;
      if (!res.write(out)) {
        up.pause();
        res.once("drain", () => up.resume());
      }
      observer.chunk(chunk);
    };
    const end = () => {
      if (observer instanceof JsonObserver)
        observer.end();
      const obs = observer.obs;
      if (observer instanceof SseObserver && obs.firstTokenAt === void 0 && obs.contentChunks === 0)
        obs.firstTokenAt = answer.firstByteAt;
      let error = errorClass(status);
      if (error === void 0 && observer instanceof SseObserver) {
        if (obs.errorEvent)
          error = "stream_error";
        else if (!obs.done)
          error = "stream_cut";
      }
      finish(status, error, obs);
    };
    if (answer.ended || up.readableEnded) {
      if (answer.first)
        observer.chunk(answer.first);
      const out = answer.first && redactKey ? Buffer.from(answer.first.toString("utf8").split(backend.apiKey).join("***")) : answer.first;
      res.end(out);
      end();
      return;
    }
    if (answer.first)
      write(answer.first);
    up.on("data", write);
    up.once("end", () => {
      res.end();
      end();
    });
    up.once("close", () => {
      if (up.complete || finished)
        return;
      res.destroy();
      const obs = observer.obs;
      finish(status, observer instanceof SseObserver ? "stream_cut" : "upstream_reset", obs);
    });
    up.resume();
  };
  const tryOnce = () => {
    if (clientGone || finished)
      return;
    const outBody = bodyFor(backend, body, parsed);
    const call = attempt(backend, req.method ?? "GET", upstreamPath(backend, url), headersFor(state, backend, req, outBody, id, pairId, trace && ctx.tracer?.header(trace)), outBody);
    current = call;
    call.then((answer) => {
      if (clientGone || finished) {
        answer.abort();
        return;
      }
      const status = answer.res.statusCode ?? 502;
      if (retryableStatus(status)) {
        if (retries < backend.retries) {
          answer.abort();
          fail(backend);
          retries++;
          ctx.metrics.inc("slipway_gateway_retries_total", backend.name, () => ({ backend: backend.name }));
          setTimeout(tryOnce, 5 + Math.random() * 20 * retries);
          return;
        }
        const fb = usedFallback ? void 0 : fallbackOf(backend);
        if (status >= 500 && fb && available(fb, Date.now())) {
          answer.abort();
          fail(backend);
          switchTo(fb);
          return;
        }
      }
      pass(answer);
    }, (error) => {
      if (clientGone || finished)
        return;
      const kind = error instanceof AttemptError ? error.kind : "reset";
      fail(backend);
      if (retries < backend.retries) {
        retries++;
        ctx.metrics.inc("slipway_gateway_retries_total", backend.name, () => ({ backend: backend.name }));
        setTimeout(tryOnce, kind === "reset" ? 0 : 5 + Math.random() * 20 * retries);
        return;
      }
      const fb = usedFallback ? void 0 : fallbackOf(backend);
      if (fb && available(fb, Date.now())) {
        switchTo(fb);
        return;
      }
      const timeout = kind === "connect_timeout" || kind === "first_byte_timeout";
      sendError(res, timeout ? 504 : 502, kind, `gateway: backend ${backend.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      finish(timeout ? 504 : 502, kind, void 0, false);
    });
  };
  const switchTo = (fb) => {
    backend.load.inFlight--;
    backend = fb;
    backend.load.inFlight++;
    usedFallback = true;
    retries = 0;
    tryOnce();
  };
  backend.load.inFlight++;
  tryOnce();
  if (pairId && shadowCfg) {
    const target = state.backends.get(shadowCfg.variant);
    if (target)
      shadow(ctx, state, target, req, url, body, parsed, id, pairId, route.name, shadowCfg.captureText);
  }
}

// packages/gateway/lib/internal/request-log.js
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

// packages/gateway/lib/internal/redact.js
var BUILT_IN = [/[\w.+-]+@[\w-]+\.[\w.-]+/g, /\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, /\b\d(?:[ -]?\d){12,18}\b/g];
function redactor(extra) {
  const patterns = [...BUILT_IN, ...extra.map((p) => new RegExp(p, "g"))];
  return (text) => patterns.reduce((t, re) => t.replace(re, "[redacted]"), text);
}

// packages/gateway/lib/internal/request-log.js
function promptText(body) {
  try {
    const json2 = JSON.parse(body);
    if (Array.isArray(json2.messages)) {
      return json2.messages.map((m) => typeof m.content === "string" ? m.content : Array.isArray(m.content) ? m.content.map((p) => typeof p?.text === "string" ? p.text : "").join(" ") : "").join("\n");
    }
    if (typeof json2.prompt === "string")
      return json2.prompt;
    if (typeof json2.input === "string")
      return json2.input;
    return "";
  } catch {
    return body;
  }
}
var RequestLog = class {
  o;
  log;
  redact;
  ring = [];
  fileBroken = false;
  constructor(o, log) {
    this.o = o;
    this.log = log;
    this.redact = redactor(o.redact);
    if (o.file)
      mkdirSync(path.dirname(path.resolve(o.file)), { recursive: true });
  }
  /** Draws whether this request is logged. */
  sampled() {
    return this.o.sampleRate > 0 && Math.random() < this.o.sampleRate;
  }
  record(input) {
    const { at, body, output, ...rest } = input;
    const prompt = promptText(body);
    const cut = (t) => this.redact(t.length > this.o.maxTextChars ? t.slice(0, this.o.maxTextChars) : t);
    const entry = {
      time: new Date(at).toISOString(),
      ...rest,
      promptChars: prompt.length,
      ...output !== void 0 ? { outputChars: output.length } : {},
      ...this.o.captureText ? { prompt: cut(prompt) } : {},
      ...this.o.captureText && output !== void 0 ? { output: cut(output) } : {}
    };
    this.ring.push(entry);
    if (this.ring.length > this.o.keep)
      this.ring.splice(0, this.ring.length - this.o.keep);
    const line = JSON.stringify(entry);
    if (this.o.file && !this.fileBroken) {
      try {
        appendFileSync(this.o.file, `${line}
`);
      } catch (error) {
        this.fileBroken = true;
        this.log.warn(`gateway: request log file ${this.o.file} is not writable, logging there stops: ${error.message}`);
      }
    } else if (!this.o.file)
      this.log.info(JSON.stringify({ requestLog: true, ...entry }));
  }
  /** The newest entries within `windowMs`, oldest first, at most `limit`. */
  entries(windowMs, limit) {
    const since = Date.now() - windowMs;
    const out = this.ring.filter((e) => Date.parse(e.time) >= since);
    return out.slice(Math.max(0, out.length - limit));
  }
};

// packages/gateway/lib/internal/stats.js
var Ring = class {
  capacity;
  items;
  next = 0;
  size = 0;
  constructor(capacity) {
    this.capacity = capacity;
    this.items = new Array(capacity);
  }
  push(item) {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity)
      this.size++;
  }
  /** Newest first, while `keep` says yes. */
  *newest() {
    for (let i = 1; i <= this.size; i++) {
      const item = this.items[(this.next - i + this.capacity) % this.capacity];
      if (item !== void 0)
        yield item;
    }
  }
};
function quantiles(values) {
  if (values.length === 0)
    return null;
  values.sort((a, b) => a - b);
  const q = (p) => values[Math.min(values.length - 1, Math.max(0, Math.ceil(p * values.length) - 1))];
  const r = (x) => Math.round(x * 1e3) / 1e3;
  return {
    p50: r(q(0.5)),
    p90: r(q(0.9)),
    p95: r(q(0.95)),
    p99: r(q(0.99)),
    max: r(values[values.length - 1]),
    mean: r(values.reduce((s, x) => s + x, 0) / values.length)
  };
}
var StatsStore = class {
  maxSamples;
  variants = /* @__PURE__ */ new Map();
  pairs;
  pairIndex = /* @__PURE__ */ new Map();
  constructor(maxSamples) {
    this.maxSamples = maxSamples;
    this.pairs = new Ring(Math.min(maxSamples, 5e3));
  }
  record(sample) {
    let ring = this.variants.get(sample.variant);
    if (!ring) {
      ring = new Ring(this.maxSamples);
      this.variants.set(sample.variant, ring);
    }
    ring.push(sample);
  }
  /** Records one side of a shadow pair; the pair is complete when both sides arrived. */
  recordPair(pairId, route, side, outcome) {
    let pair = this.pairIndex.get(pairId);
    if (!pair) {
      pair = { pairId, at: Date.now(), route };
      this.pairIndex.set(pairId, pair);
      this.pairs.push(pair);
      if (this.pairIndex.size > 1e4)
        this.pairIndex.delete(this.pairIndex.keys().next().value);
    }
    pair[side] = outcome;
    if (pair.primary && pair.shadow)
      this.pairIndex.delete(pairId);
  }
  shadowPairs(windowMs, limit = 100) {
    const since = Date.now() - windowMs;
    const out = [];
    for (const p of this.pairs.newest()) {
      if (p.at < since || out.length >= limit)
        break;
      out.push(p);
    }
    return out;
  }
  /**
   * Per-variant statistics over the last `windowMs`. `exclude` drops samples by how they were
   * assigned: canary analysis leaves out `override` traffic (smoke tests, online evals), which is
   * a different mix of requests from the weighted split it judges.
   */
  report(windowMs, recent = 20, exclude = []) {
    const until = Date.now();
    const since = until - windowMs;
    const variants = {};
    for (const [variant, ring] of this.variants) {
      const latencies = [];
      const ttfts = [];
      const rates = [];
      const errorsByClass = {};
      const byBackend = {};
      const recentSamples = [];
      let errors = 0;
      let input = 0;
      let output = 0;
      for (const s of ring.newest()) {
        if (s.at < since)
          break;
        if (s.assignment !== void 0 && exclude.includes(s.assignment))
          continue;
        latencies.push(s.latencyMs);
        if (s.ttftMs !== void 0) {
          ttfts.push(s.ttftMs);
          if (s.ok && s.outputTokens > 1 && s.latencyMs > s.ttftMs)
            rates.push((s.outputTokens - 1) / ((s.latencyMs - s.ttftMs) / 1e3));
        }
        if (!s.ok) {
          errors++;
          const c = s.error ?? "unknown";
          errorsByClass[c] = (errorsByClass[c] ?? 0) + 1;
        }
        byBackend[s.backend] = (byBackend[s.backend] ?? 0) + 1;
        input += s.inputTokens;
        output += s.outputTokens;
        if (recentSamples.length < recent)
          recentSamples.push(s);
      }
      const requests = latencies.length;
      variants[variant] = {
        requests,
        errors,
        errorRate: requests ? errors / requests : 0,
        errorsByClass,
        byBackend,
        latencyMs: quantiles(latencies),
        ttftMs: quantiles(ttfts),
        outputTokensPerSecond: quantiles(rates),
        tokens: { input, output },
        recent: recentSamples
      };
    }
    const pairs = this.shadowPairs(windowMs, Number.MAX_SAFE_INTEGER).filter((p) => p.primary && p.shadow);
    const withText = pairs.filter((p) => p.primary?.text !== void 0 && p.shadow?.text !== void 0);
    return {
      windowSeconds: windowMs / 1e3,
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
      variants,
      shadow: {
        pairs: pairs.length,
        primaryErrors: pairs.filter((p) => !p.primary?.ok).length,
        shadowErrors: pairs.filter((p) => !p.shadow?.ok).length,
        textAgreement: withText.length ? withText.filter((p) => p.primary?.text === p.shadow?.text).length / withText.length : null
      }
    };
  }
};

// packages/gateway/lib/internal/tracing.js
import { randomBytes } from "node:crypto";
import http2 from "node:http";
import https2 from "node:https";
var TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
var SPAN_KIND_CLIENT = 3;
var STATUS_ERROR = 2;
var STATUS_UNSET = 0;
function attr(key, value) {
  if (value === void 0)
    return [];
  if (typeof value === "string")
    return [{ key, value: { stringValue: value } }];
  if (typeof value === "boolean")
    return [{ key, value: { boolValue: value } }];
  return Number.isInteger(value) ? [{ key, value: { intValue: String(value) } }] : [{ key, value: { doubleValue: value } }];
}
var anchorNs = BigInt(Date.now()) * 1000000n - process.hrtime.bigint();
var nowNs = () => anchorNs + process.hrtime.bigint();
var OtlpTracer = class {
  serviceName;
  sampleRate;
  log;
  buffer = [];
  timer;
  lastWarning = 0;
  url;
  agent;
  inFlight = [];
  constructor(endpoint, serviceName, sampleRate, log) {
    this.serviceName = serviceName;
    this.sampleRate = sampleRate;
    this.log = log;
    this.url = new URL(`${endpoint.replace(/\/+$/, "")}/v1/traces`);
    this.agent = new (this.url.protocol === "https:" ? https2 : http2).Agent({ keepAlive: true });
  }
  /** Starts a request's trace context from its `traceparent` header (sampled as the caller said, else by rate). */
  begin(traceparent) {
    const m = typeof traceparent === "string" ? TRACEPARENT.exec(traceparent.trim()) : null;
    const valid = m && m[1] !== "0".repeat(32) && m[2] !== "0".repeat(16);
    return {
      traceId: valid ? m[1] : randomBytes(16).toString("hex"),
      spanId: randomBytes(8).toString("hex"),
      parentSpanId: valid ? m[2] : void 0,
      startNs: nowNs(),
      sampled: valid ? (Number.parseInt(m[3], 16) & 1) === 1 : Math.random() < this.sampleRate
    };
  }
  /** The `traceparent` to send upstream: our span is the backend's parent. */
  header(ctx) {
    return `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? "01" : "00"}`;
  }
  end(ctx, s) {
    if (!ctx.sampled)
      return;
    this.buffer.push({
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      ...ctx.parentSpanId ? { parentSpanId: ctx.parentSpanId } : {},
      name: s.model ? `${s.operation} ${s.model}` : s.operation,
      kind: SPAN_KIND_CLIENT,
      startTimeUnixNano: String(ctx.startNs),
      endTimeUnixNano: String(nowNs()),
      attributes: [
        ...attr("gen_ai.operation.name", s.operation),
        ...attr("gen_ai.request.model", s.model),
        ...attr("gen_ai.usage.input_tokens", s.inputTokens),
        ...attr("gen_ai.usage.output_tokens", s.outputTokens),
        ...attr("gen_ai.response.time_to_first_chunk", s.ttftMs === void 0 ? void 0 : s.ttftMs / 1e3),
        ...attr("server.address", s.serverAddress),
        ...attr("server.port", s.serverPort),
        ...attr("http.response.status_code", s.status),
        ...attr("error.type", s.error),
        ...attr("slipway.variant", s.variant),
        ...attr("slipway.backend", s.backend),
        ...attr("slipway.route", s.route),
        ...attr("slipway.assignment", s.assignment),
        ...attr("slipway.stream", s.stream)
      ],
      status: s.error ? { code: STATUS_ERROR, message: s.error } : { code: STATUS_UNSET }
    });
    if (this.buffer.length >= 512)
      this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), 1e3);
      this.timer.unref();
    }
  }
  /** Sends what is buffered now. */
  flush() {
    clearTimeout(this.timer);
    this.timer = void 0;
    if (this.buffer.length === 0)
      return Promise.all(this.inFlight).then(() => void 0);
    const spans = this.buffer;
    this.buffer = [];
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: attr("service.name", this.serviceName) },
          scopeSpans: [{ scope: { name: "@slipway/gateway", version: "0.1.0" }, spans }]
        }
      ]
    });
    const sent = new Promise((resolve) => {
      const req = (this.url.protocol === "https:" ? https2 : http2).request(this.url, { method: "POST", agent: this.agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: 1e4 }, (res) => {
        res.resume();
        if ((res.statusCode ?? 500) >= 300)
          this.warn(`the collector answered ${res.statusCode}`);
        res.on("end", () => resolve());
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (e) => {
        this.warn(e.message);
        resolve();
      });
      req.end(body);
    });
    this.inFlight.push(sent);
    void sent.then(() => {
      this.inFlight = this.inFlight.filter((p) => p !== sent);
    });
    return Promise.all(this.inFlight).then(() => void 0);
  }
  warn(reason) {
    if (Date.now() - this.lastWarning < 6e4)
      return;
    this.lastWarning = Date.now();
    this.log.warn(`gateway: could not export spans to ${this.url.href}: ${reason} (spans are dropped; traffic is unaffected)`);
  }
  async close() {
    await this.flush();
    this.agent.destroy();
  }
};

// packages/gateway/lib/internal/gateway.js
function listenOn(server, where) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(where.port, where.host, () => {
      server.off("error", reject);
      resolve(server.address());
    });
  });
}
function hostFor(a) {
  return a.family === "IPv6" ? `[${a.address}]` : a.address;
}
async function startGateway(options) {
  const env = options.env ?? process.env;
  const log = options.log;
  const pool = new BackendPool(log, env);
  const metrics = new Metrics();
  const stats = new StatsStore(options.config.stats.maxSamples);
  const changes = [];
  let draining = false;
  let inFlight2 = 0;
  const source = options.configFile ?? "gateway.yml";
  const build = (config, version) => {
    try {
      const backends = pool.prepare(config.backends);
      return buildState(config, backends, version, env);
    } catch (error) {
      throw new ConfigError([{ location: { file: source }, message: error.message }]);
    }
  };
  let state = build(options.config, 1);
  pool.commit(state.backends);
  const adminTokenValue = env[options.config.admin.tokenEnv];
  const adminToken = adminTokenValue ? [digest(adminTokenValue)] : void 0;
  const accessLog = options.accessLog ?? (options.config.accessLog === "off" ? void 0 : /* @__PURE__ */ ((stream) => (line) => {
    stream.write(`${line}
`);
  })(options.config.accessLog === "stderr" ? process.stderr : process.stdout));
  const requestLog = options.config.requestLog ? new RequestLog(options.config.requestLog, log) : void 0;
  const record2 = (change) => {
    changes.push(change);
    if (changes.length > 1e3)
      changes.shift();
    metrics.inc("slipway_gateway_config_reloads_total", String(change.applied), () => ({ result: change.applied ? "applied" : "refused" }));
    const line = `gateway: config ${change.applied ? `v${change.version} applied` : "change refused"} (${change.action} by ${change.actor} from ${change.remote}): ${change.summary}`;
    if (change.applied)
      log.info(line);
    else
      log.warn(line);
  };
  const describe = (prev, next) => {
    const parts = [];
    for (const r of next.routes) {
      const old = prev.routes.find((o) => o.name === r.name);
      const w = (x) => Object.entries(x).map(([k, v]) => `${k}=${v}`).join(" ");
      if (!old)
        parts.push(`route ${r.name} added (${w(r.weights)})`);
      else if (JSON.stringify(old.weights) !== JSON.stringify(r.weights))
        parts.push(`route ${r.name} weights ${w(old.weights)} -> ${w(r.weights)}`);
    }
    for (const o of prev.routes)
      if (!next.routes.some((r) => r.name === o.name))
        parts.push(`route ${o.name} removed`);
    const backends = (c) => Object.keys(c.backends).sort().join(",");
    if (backends(prev) !== backends(next))
      parts.push(`backends ${backends(prev)} -> ${backends(next)}`);
    return parts.join("; ") || "no routing change";
  };
  let queue = Promise.resolve();
  const applyConfig = (parse, who, action) => {
    const run = queue.then(() => {
      const prev = state;
      try {
        const config = parse();
        const next = build(config, prev.version + 1);
        pool.commit(next.backends);
        state = next;
        const change = {
          at: (/* @__PURE__ */ new Date()).toISOString(),
          ...who,
          action,
          applied: true,
          version: next.version,
          summary: describe(prev.config, config)
        };
        record2(change);
        return change;
      } catch (error) {
        const summary = error instanceof Error ? error.message.split("\n")[0] : String(error);
        record2({ at: (/* @__PURE__ */ new Date()).toISOString(), ...who, action, applied: false, version: prev.version, summary: summary ?? "invalid" });
        throw error;
      }
    });
    queue = run.catch(() => void 0);
    return run;
  };
  const applyObject = (next, src, who, action) => applyConfig(() => {
    const r = gatewayConfigSchema.safeParse(next);
    if (r.success)
      return r.data;
    throw new ConfigError(r.error.issues.map((i) => ({ location: { file: src }, message: `${i.path.join(".") || "config"}: ${i.message}` })));
  }, who, action);
  const applyText = (text, src, who, action) => applyConfig(() => parseGatewayConfig(text, src), who, action);
  const ctx = {
    state: () => state,
    metrics,
    stats,
    accessLog,
    requestLog,
    draining: () => draining,
    ejectAfter: options.config.outlierDetection.consecutiveFailures,
    ejectForMs: durationMs(options.config.outlierDetection.ejectFor),
    onEject: (b) => {
      metrics.inc("slipway_gateway_ejections_total", b.name, () => ({ slipway_backend: b.name }));
      log.warn(`gateway: backend ${b.name} ejected for ${options.config.outlierDetection.ejectFor} after ${options.config.outlierDetection.consecutiveFailures} consecutive failures`);
    },
    maxShadowInFlight: 256,
    tracer: options.config.tracing ? new OtlpTracer(options.config.tracing.otlpEndpoint, options.config.tracing.serviceName, options.config.tracing.sampleRate, log) : void 0
  };
  metrics.gauge("slipway_gateway_backend_available", "Whether a backend takes traffic (1) or is ejected or unhealthy (0).", () => pool.all().map((b) => ({ labels: { slipway_backend: b.name }, value: b.healthy && b.ejectedUntil <= Date.now() ? 1 : 0 })));
  metrics.gauge("slipway_gateway_requests_in_flight", "Requests being served.", () => [{ labels: {}, value: inFlight2 }]);
  metrics.gauge("slipway_gateway_route_weight_basis_points", "Configured weight per route and backend.", () => state.config.routes.flatMap((r) => Object.entries(r.weights).map(([b, w]) => ({ labels: { slipway_route: r.name, slipway_backend: b }, value: w }))));
  metrics.gauge("slipway_gateway_config_version", "Version of the configuration serving now.", () => [{ labels: {}, value: state.version }]);
  const server = createServer({ keepAliveTimeout: 65e3, requestTimeout: 0, headersTimeout: 6e4 }, (req, res) => {
    inFlight2++;
    res.once("close", () => inFlight2--);
    handleRequest(ctx, req, res);
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable)
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
  });
  const target = {
    config: () => state.config,
    version: () => state.version,
    apply: applyObject,
    applyText,
    routes: () => ({
      version: state.version,
      routes: state.config.routes.map((r) => ({
        name: r.name,
        weights: r.weights,
        models: r.models ?? null,
        rules: r.rules,
        fallback: r.fallback,
        shadow: r.shadow ?? null,
        sticky: r.sticky
      })),
      backends: Object.fromEntries([...state.backends.values()].map((b) => [
        b.name,
        {
          url: b.url.href,
          healthy: b.healthy,
          ejected: b.ejectedUntil > Date.now(),
          ejectedUntil: b.ejectedUntil > Date.now() ? new Date(b.ejectedUntil).toISOString() : null,
          inFlight: b.load.inFlight
        }
      ]))
    }),
    stats: (w, recent, exclude) => ({ version: state.version, ...stats.report(w, recent, exclude) }),
    shadow: (w, limit) => ({ pairs: stats.shadowPairs(w, limit) }),
    requests: (w, limit) => ({ enabled: requestLog !== void 0, entries: requestLog?.entries(w, limit) ?? [] }),
    changes: () => changes,
    metrics: () => metrics.render(),
    draining: () => draining,
    adminToken,
    maxBodyBytes: options.config.limits.maxBodyBytes
  };
  const admin = createServer((req, res) => {
    handleAdmin(target, req, res).catch((e) => {
      log.error(`gateway: admin request failed: ${String(e)}`);
      if (!res.headersSent)
        res.writeHead(500).end();
    });
  });
  const mainAddr = await listenOn(server, options.listen ?? parseListen(options.config.listen));
  let adminAddr;
  try {
    adminAddr = await listenOn(admin, options.adminListen ?? parseListen(options.config.admin.listen));
  } catch (error) {
    server.close();
    pool.close();
    throw error;
  }
  record2({
    at: (/* @__PURE__ */ new Date()).toISOString(),
    actor: "startup",
    remote: "local",
    action: "start",
    applied: true,
    version: 1,
    summary: `routes ${options.config.routes.map((r) => `${r.name} (${Object.entries(r.weights).map(([b, w]) => `${b}=${w}`).join(" ")})`).join("; ")}; backends ${Object.keys(options.config.backends).join(", ")}`
  });
  if (!adminToken)
    log.info(`gateway: admin API off (set ${options.config.admin.tokenEnv} to turn it on); /metrics and /healthz stay available`);
  let watcher;
  if (options.watch && options.configFile) {
    const file = path2.resolve(options.configFile);
    let timer;
    let lastText;
    const reloadFromFile = async () => {
      const text = await readFile2(file, "utf8").catch(() => void 0);
      if (text === void 0 || text === lastText)
        return;
      lastText = text;
      await applyText(text, options.configFile, { actor: "file-watch", remote: "local" }, "file-reload").catch(() => void 0);
    };
    lastText = await readFile2(file, "utf8").catch(() => void 0);
    watcher = watch(path2.dirname(file), (_event, name2) => {
      if (name2 !== path2.basename(file))
        return;
      clearTimeout(timer);
      timer = setTimeout(() => void reloadFromFile(), 100);
    });
  }
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      watcher?.close();
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + durationMs(state.config.drainTimeout);
      while (inFlight2 > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
      await new Promise((resolve) => {
        admin.close(() => resolve());
        admin.closeAllConnections();
      });
      pool.close();
      await ctx.tracer?.close();
    })();
    return stopping;
  };
  return {
    url: `http://${hostFor(mainAddr)}:${mainAddr.port}/v1`,
    adminUrl: `http://${hostFor(adminAddr)}:${adminAddr.port}`,
    config: () => state.config,
    version: () => state.version,
    reload: (next, actor = "library") => applyObject(next, "reload", { actor, remote: "local" }, "replace-config"),
    stats,
    metrics,
    changes: () => changes,
    stop
  };
}

// packages/gateway/lib/internal/serve.js
var DEFAULT_CONFIG_FILE = "/etc/slipway/gateway.yml";
var USAGE = "usage: gateway.mjs [--config FILE] [--check] [--no-watch]; the file also comes from SLIPWAY_GATEWAY_CONFIG";
function parseServeArgs(argv, env) {
  const args = { config: env.SLIPWAY_GATEWAY_CONFIG || DEFAULT_CONFIG_FILE, check: false, watch: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check")
      args.check = true;
    else if (a === "--no-watch")
      args.watch = false;
    else if (a === "--config" || a === "-c") {
      const v = argv[++i];
      if (v === void 0 || v.startsWith("-"))
        throw new InputError("config", "needs a file name", { hint: USAGE });
      args.config = v;
    } else if (a.startsWith("--config="))
      args.config = a.slice("--config=".length);
    else
      throw new InputError(a, "is not an option of the gateway", { hint: USAGE });
  }
  return args;
}
async function serveGateway(options) {
  const { env, write } = options;
  const log = ecsLogger(write);
  try {
    const args = parseServeArgs(options.argv, env);
    const config = await loadGatewayConfig(args.config);
    const secrets = [env[config.admin.tokenEnv], ...Object.values(config.backends).map((b) => b.apiKeyEnv ? env[b.apiKeyEnv] : void 0)].filter((s) => s !== void 0 && s !== "");
    const masked = ecsLogger(write, secrets);
    if (args.check) {
      masked.info(`${args.config}: valid; backends ${Object.keys(config.backends).join(", ")}; routes ${config.routes.map((r) => r.name).join(", ")}`);
      return 0;
    }
    const gw = await startGateway({
      config,
      configFile: args.config,
      watch: args.watch,
      log: masked,
      env,
      accessLog: config.accessLog === "off" ? () => void 0 : write
    });
    masked.info(`gateway listening on ${gw.url} (admin ${gw.adminUrl})`);
    const signal = await options.stopSignal;
    masked.info(`gateway: ${signal}, draining requests in flight (up to ${gw.config().drainTimeout})`);
    await gw.stop();
    masked.info("gateway stopped");
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      log.error(`${error.message}${error.hint ? ` (${error.hint})` : ""}`);
      return exitCodeFor(error);
    }
    const e = error;
    if (e?.code === "EADDRINUSE" || e?.code === "EACCES" || e?.code === "EADDRNOTAVAIL") {
      log.error(`gateway: cannot listen: ${e.message} (set listen / admin.listen in the configuration to a free address)`);
      return 2;
    }
    log.error(`gateway: unexpected failure: ${e?.stack ?? String(error)}`);
    return 70;
  }
}

export {
  GatewayAdminClient,
  ECS_VERSION,
  ecsAccessLine,
  gatewayConfigSchema,
  gatewayConfigJsonSchema,
  parseGatewayConfig,
  loadGatewayConfig,
  parseListen,
  ecsLogger,
  BUCKETS,
  bucketOf,
  compileRoute,
  backendForBucket,
  assign,
  startGateway,
  DEFAULT_CONFIG_FILE,
  parseServeArgs,
  serveGateway
};
