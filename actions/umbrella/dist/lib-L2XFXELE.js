import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  evaluate
} from "./chunk-FZQUBWIT.js";
import {
  addArtifacts,
  formatPointer,
  openReleaseStore,
  parseRemote,
  pushArtifacts
} from "./chunk-EZIWSWDP.js";
import "./chunk-ABOBGNJR.js";
import {
  mulberry32
} from "./chunk-YV4XVOQ2.js";
import {
  loadConfig
} from "./chunk-TLULELRW.js";
import "./chunk-KJFXNCKF.js";
import {
  createClient,
  plainText,
  readGitHubContext
} from "./chunk-2QBGQJ63.js";
import "./chunk-KLXUE6LA.js";
import "./chunk-DKPQSRRK.js";
import {
  FolderReleaseStore,
  canonicalJson,
  contentDigest,
  sealRelease
} from "./chunk-YBT4ARCR.js";
import "./chunk-LUQ2JWWH.js";
import {
  ConfigError,
  GateError,
  HttpError,
  InputError,
  UserError,
  escapeMarkdown,
  findPii,
  findSecrets,
  inlineCode,
  markdownTable,
  parseDuration,
  readInputs,
  retry,
  spawnService
} from "./chunk-V3AZTN5L.js";
import "./chunk-I2UBCO3D.js";

// packages/finetune/lib/capability.js
import { readFile as readFile7 } from "node:fs/promises";
import path9 from "node:path";

// packages/finetune/lib/internal/resolve.js
import { spawnSync } from "node:child_process";
import path3 from "node:path";

// packages/finetune/lib/internal/launchers/command.js
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createInterface } from "node:readline";

// packages/finetune/lib/internal/launchers/launcher.js
var LAUNCHERS = ["command", "openai", "sagemaker", "kubernetes"];
var TrainingError = class extends GateError {
  launcher;
  outcome;
  reason;
  jobId;
  name = "TrainingError";
  constructor(launcher, outcome, reason, jobId = "") {
    super(`${launcher} training job${jobId ? ` ${jobId}` : ""} ${outcome === "timed-out" ? "timed out" : outcome}: ${reason}`);
    this.launcher = launcher;
    this.outcome = outcome;
    this.reason = reason;
    this.jobId = jobId;
  }
};
function abortOutcome(signal) {
  const r = signal.reason;
  if (r instanceof Error && r.name === "TimeoutError")
    return { outcome: "timed-out", reason: r.message };
  if (typeof r === "object" && r !== null && r.outcome === "timed-out")
    return { outcome: "timed-out", reason: String(r.reason) };
  return { outcome: "cancelled", reason: typeof r === "string" ? r : r instanceof Error ? r.message : "the workflow was cancelled" };
}
function pause(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted)
      return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
function metricsFromLine(line) {
  const t = line.trim();
  if (!t.startsWith("{") || !t.endsWith("}"))
    return void 0;
  let obj;
  try {
    obj = JSON.parse(t);
  } catch {
    return void 0;
  }
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    return void 0;
  const out = {};
  for (const [k, v] of Object.entries(obj))
    if (typeof v === "number" && Number.isFinite(v))
      out[k] = v;
  return Object.keys(out).length ? out : void 0;
}

// packages/finetune/lib/internal/launchers/command.js
function shellQuote(value) {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
function renderCommand(template, job) {
  const values = {
    output: job.outputDir,
    train: job.data.train,
    validation: job.data.validation ?? "",
    name: job.name,
    ...Object.fromEntries(Object.entries(job.params).map(([k, v]) => [k, String(v)]))
  };
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (whole, key) => {
    const v = values[key];
    if (v === void 0)
      throw new InputError("command", `placeholder ${whole} has no value`, {
        hint: `use one of ${Object.keys(values).map((k) => `{${k}}`).join(", ")}`
      });
    return shellQuote(v);
  });
}
function paramEnv(params) {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [`SLIPWAY_PARAM_${k.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`, String(v)]));
}
var CommandLauncher = class {
  o;
  kind = "command";
  constructor(o) {
    this.o = o;
  }
  async run(job, ctx) {
    const command = renderCommand(this.o.command, job);
    await mkdir(job.outputDir, { recursive: true });
    ctx.log.info(`$ ${command}`);
    const started = performance.now();
    const child = spawn("/bin/sh", ["-c", command], {
      cwd: job.cwd,
      // Its own process group, so a cancel reaches the whole tree the command starts.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...this.o.env ?? process.env,
        SLIPWAY_OUTPUT_DIR: job.outputDir,
        SLIPWAY_TRAIN_FILE: job.data.train,
        SLIPWAY_VALIDATION_FILE: job.data.validation ?? "",
        SLIPWAY_RUN_NAME: job.name,
        SLIPWAY_PARAMS: JSON.stringify(job.params),
        ...paramEnv(job.params)
      }
    });
    const metrics = {};
    const tail = [];
    const keep = (line) => {
      tail.push(line);
      if (tail.length > 20)
        tail.shift();
    };
    createInterface({ input: child.stdout }).on("line", (line) => {
      ctx.log.info(line);
      keep(line);
      const m = metricsFromLine(line);
      if (m)
        Object.assign(metrics, m);
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      ctx.log.info(line);
      keep(line);
    });
    let killTimer;
    const onAbort = () => {
      ctx.log.warn(`stopping the training command (${abortOutcome(ctx.signal).reason})`);
      signalGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), this.o.killGraceMs ?? 1e4);
    };
    if (ctx.signal.aborted)
      onAbort();
    else
      ctx.signal.addEventListener("abort", onAbort, { once: true });
    const exit = await new Promise((resolve) => {
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
      child.once("close", (code, signal) => resolve({ code, signal }));
    });
    ctx.signal.removeEventListener("abort", onAbort);
    if (killTimer)
      clearTimeout(killTimer);
    const durationMs = performance.now() - started;
    if (ctx.signal.aborted) {
      const { outcome, reason } = abortOutcome(ctx.signal);
      throw new TrainingError("command", outcome, reason);
    }
    if (exit.error)
      throw new TrainingError("command", "failed", `could not start /bin/sh: ${exit.error.message}`);
    if (exit.code !== 0) {
      const last = tail.filter((l) => l.trim() !== "").slice(-3).join(" | ") || "no output";
      const how = exit.signal ? `was killed by ${exit.signal}` : `exited with ${exit.code}`;
      throw new TrainingError("command", "failed", `the command ${how}: ${last}`);
    }
    return { launcher: "command", jobId: "", model: job.outputDir, outputDir: job.outputDir, metrics, durationMs };
  }
};
function signalGroup(pid, signal) {
  if (pid === void 0)
    return;
  try {
    process.kill(-pid, signal);
  } catch {
  }
}

// packages/finetune/lib/internal/launchers/kubernetes.js
import { readFile as readFile2 } from "node:fs/promises";

// packages/finetune/lib/internal/launchers/s3-upload.js
import { readFile } from "node:fs/promises";
import path from "node:path";
async function uploadToS3(file, prefixUri, o) {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(prefixUri);
  if (!m)
    throw new Error(`${prefixUri} is not an s3:// URI`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { S3Client, PutObjectCommand } = await import("./dist-cjs-4DCAQXGP.js");
  const s3 = new S3Client({
    region: o.region ?? "us-east-1",
    ...o.endpoint ? { endpoint: o.endpoint, forcePathStyle: true } : {},
    requestChecksumCalculation: "WHEN_REQUIRED"
  });
  try {
    const key = `${m[2] ? `${m[2].replace(/\/?$/, "/")}` : ""}${path.basename(file)}`;
    await s3.send(new PutObjectCommand({ Bucket: m[1], Key: key, Body: await readFile(file), ContentType: "application/jsonlines" }), {
      abortSignal: o.signal
    });
    o.log.info(`uploaded ${path.basename(file)} to s3://${m[1]}/${key}`);
    return `s3://${m[1]}/${key}`;
  } finally {
    s3.destroy();
  }
}

// packages/finetune/lib/internal/launchers/kubernetes.js
var SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
function paramEnv2(params, job, outputUri, data = {}) {
  return [
    ...Object.entries(data).map(([name, value]) => ({ name, value })),
    { name: "SLIPWAY_RUN_NAME", value: job.name },
    { name: "SLIPWAY_PARAMS", value: JSON.stringify(job.params) },
    ...outputUri ? [{ name: "SLIPWAY_OUTPUT_URI", value: outputUri }] : [],
    ...Object.entries(params).map(([k, v]) => ({ name: `SLIPWAY_PARAM_${k.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`, value: String(v) }))
  ];
}
function trainingManifest(o, job, name, data = {}) {
  const labels = { "app.kubernetes.io/managed-by": "slipway", "slipway.dev/run": name };
  const container = (containerName) => ({
    name: containerName,
    image: o.image,
    command: o.command,
    env: paramEnv2(job.params, job, o.outputUri, data),
    ...o.gpus ? { resources: { limits: { "nvidia.com/gpu": o.gpus } } } : {}
  });
  const podSpec = (containerName) => ({
    restartPolicy: "Never",
    ...o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {},
    containers: [container(containerName)]
  });
  if (o.kind === "job") {
    return {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name, namespace: o.namespace, labels },
      spec: {
        // A failed training run is a result, not something to retry blindly.
        backoffLimit: 0,
        ttlSecondsAfterFinished: 86400,
        ...o.activeDeadlineSeconds ? { activeDeadlineSeconds: o.activeDeadlineSeconds } : {},
        template: { metadata: { labels }, spec: podSpec("trainer") }
      }
    };
  }
  const replica = (replicas) => ({ replicas, restartPolicy: "Never", template: { metadata: { labels }, spec: podSpec("pytorch") } });
  return {
    apiVersion: "kubeflow.org/v1",
    kind: "PyTorchJob",
    metadata: { name, namespace: o.namespace, labels },
    spec: {
      runPolicy: { cleanPodPolicy: "None", backoffLimit: 0, ...o.activeDeadlineSeconds ? { activeDeadlineSeconds: o.activeDeadlineSeconds } : {} },
      pytorchReplicaSpecs: { Master: replica(1), ...o.workers && o.workers > 0 ? { Worker: replica(o.workers) } : {} }
    }
  };
}
var KubernetesLauncher = class {
  o;
  kind = "kubernetes";
  constructor(o) {
    this.o = o;
  }
  async run(job, ctx) {
    const api = await this.connection(ctx);
    const started = performance.now();
    const name = `${job.name.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 40)}-${Date.now().toString(36)}`.replace(/^-+/, "");
    const data = {};
    if (this.o.dataS3) {
      const up = {
        ...this.o.s3Region ? { region: this.o.s3Region } : {},
        ...this.o.s3Endpoint ? { endpoint: this.o.s3Endpoint } : {},
        signal: ctx.signal,
        log: ctx.log
      };
      const prefix = `${this.o.dataS3.replace(/\/$/, "")}/${name}`;
      data.SLIPWAY_TRAIN_URI = await uploadToS3(job.data.train, `${prefix}/train/`, up);
      if (job.data.validation)
        data.SLIPWAY_VALIDATION_URI = await uploadToS3(job.data.validation, `${prefix}/validation/`, up);
    }
    const manifest = trainingManifest(this.o, job, name, data);
    const base = this.o.kind === "job" ? `/apis/batch/v1/namespaces/${this.o.namespace}/jobs` : `/apis/kubeflow.org/v1/namespaces/${this.o.namespace}/pytorchjobs`;
    await this.call(api, "POST", base, ctx, manifest);
    ctx.log.info(`created ${manifest.kind} ${this.o.namespace}/${name}`);
    const metrics = {};
    const logs = this.streamLogs(api, name, metrics, ctx);
    try {
      for (; ; ) {
        if (ctx.signal.aborted) {
          const { outcome, reason } = abortOutcome(ctx.signal);
          await this.call(api, "DELETE", `${base}/${name}?propagationPolicy=Background`, { ...ctx, signal: new AbortController().signal }).catch((e) => ctx.log.warn(`could not delete ${name}: ${e.message}`));
          throw new TrainingError("kubernetes", outcome, reason, name);
        }
        let conditions = [];
        try {
          const current = await this.call(api, "GET", `${base}/${name}`, ctx);
          conditions = current.status?.conditions ?? [];
        } catch (error) {
          if (ctx.signal.aborted)
            continue;
          throw error;
        }
        const on = (type) => conditions.find((c) => c.type === type && c.status === "True");
        if (on("Complete") || on("Succeeded"))
          break;
        const failed = on("Failed");
        if (failed) {
          const pod = await this.terminationMessage(api, name, ctx).catch(() => void 0);
          const why = [failed.reason, failed.message, pod].filter(Boolean).join(": ");
          throw new TrainingError("kubernetes", "failed", why || "the job failed without a reason", name);
        }
        await pause(this.o.pollIntervalMs ?? 1e4, ctx.signal);
      }
    } finally {
      await Promise.race([logs, new Promise((r) => setTimeout(r, 2e3).unref())]);
    }
    return { launcher: "kubernetes", jobId: name, model: this.o.outputUri ?? `${this.o.namespace}/${name}`, metrics, durationMs: performance.now() - started };
  }
  selector(name) {
    return this.o.kind === "job" ? `job-name=${name}` : `training.kubeflow.org/job-name=${name},training.kubeflow.org/replica-type=master`;
  }
  /** Follows the logs of the (master) pod once it exists; metrics come from its JSON lines. */
  async streamLogs(api, name, metrics, ctx) {
    const container = this.o.kind === "job" ? "trainer" : "pytorch";
    for (let tries = 0; tries < 600 && !ctx.signal.aborted; tries++) {
      const pods = await this.call(api, "GET", `/api/v1/namespaces/${this.o.namespace}/pods?labelSelector=${encodeURIComponent(this.selector(name))}`, ctx).catch(() => ({ items: [] }));
      const pod = pods.items.find((p) => p.status?.phase && p.status.phase !== "Pending");
      if (pod) {
        const res = await fetch(`${api.url}/api/v1/namespaces/${this.o.namespace}/pods/${pod.metadata.name}/log?container=${container}&follow=true`, {
          headers: { authorization: `Bearer ${api.token}` },
          signal: ctx.signal
        }).catch(() => void 0);
        if (!res?.ok || !res.body)
          return;
        let rest = "";
        const decoder = new TextDecoder();
        try {
          for await (const chunk of res.body) {
            rest += decoder.decode(chunk, { stream: true });
            const lines = rest.split("\n");
            rest = lines.pop() ?? "";
            for (const line of lines) {
              ctx.log.info(line);
              const m = metricsFromLine(line);
              if (m)
                Object.assign(metrics, m);
            }
          }
        } catch {
        }
        if (rest)
          ctx.log.info(rest);
        return;
      }
      await pause(Math.min(this.o.pollIntervalMs ?? 2e3, 2e3), ctx.signal);
    }
  }
  async terminationMessage(api, name, ctx) {
    const pods = await this.call(api, "GET", `/api/v1/namespaces/${this.o.namespace}/pods?labelSelector=${encodeURIComponent(this.selector(name))}`, ctx);
    for (const p of pods.items)
      for (const c of p.status?.containerStatuses ?? []) {
        const t = c.state?.terminated;
        if (t && t.exitCode !== 0)
          return [t.reason, t.message?.trim(), t.exitCode !== void 0 ? `exit code ${t.exitCode}` : ""].filter(Boolean).join(", ");
      }
    return void 0;
  }
  async connection(ctx) {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const url = (this.o.apiServer ?? (host ? `https://${host}:${process.env.KUBERNETES_SERVICE_PORT ?? "443"}` : "")).replace(/\/$/, "");
    if (!url)
      throw new TrainingError("kubernetes", "failed", "no API server: set train.kubernetes.apiServer or run inside the cluster");
    const token = this.o.token ?? (await readFile2(`${SERVICE_ACCOUNT}/token`, "utf8").catch(() => "")).trim();
    if (!token)
      throw new TrainingError("kubernetes", "failed", "no token: pass kubernetes-token or run with a service account");
    ctx.setSecret(token);
    return { url, token };
  }
  async call(api, method, route, ctx, body) {
    return retry(async () => {
      const res = await fetch(`${api.url}${route}`, {
        method,
        signal: ctx.signal.aborted ? null : ctx.signal,
        headers: { authorization: `Bearer ${api.token}`, accept: "application/json", ...body ? { "content-type": "application/json" } : {} },
        ...body ? { body: JSON.stringify(body) } : {}
      });
      const text = await res.text();
      if (!res.ok) {
        let message = text.slice(0, 300);
        try {
          message = JSON.parse(text).message ?? message;
        } catch {
        }
        throw new HttpError(`Kubernetes ${method} ${route.split("?")[0]} answered ${res.status}: ${message}`, res.status);
      }
      return text ? JSON.parse(text) : {};
    }, { retries: 3, signal: ctx.signal }).catch((error) => {
      if (error instanceof HttpError && error.status < 500 && error.status !== 429)
        throw new TrainingError("kubernetes", "failed", error.message);
      throw error;
    });
  }
};

// packages/finetune/lib/internal/launchers/openai.js
import { openAsBlob } from "node:fs";
import path2 from "node:path";
var HYPERPARAMETERS = ["n_epochs", "batch_size", "learning_rate_multiplier"];
var OpenAILauncher = class {
  o;
  kind = "openai";
  base;
  constructor(o) {
    this.o = o;
    this.base = (o.baseUrl ?? "https://api.openai.com/v1").replace(/\/$/, "");
  }
  async run(job, ctx) {
    ctx.setSecret(this.o.apiKey);
    const state = {};
    try {
      return await this.runJob(job, ctx, state);
    } catch (error) {
      if (error instanceof TrainingError || !ctx.signal.aborted)
        throw error;
      const { outcome, reason } = abortOutcome(ctx.signal);
      if (state.jobId)
        await this.cancel(state.jobId, ctx);
      throw new TrainingError("openai", outcome, reason, state.jobId ?? "");
    }
  }
  async cancel(id, ctx) {
    await this.call("POST", `/fine_tuning/jobs/${id}/cancel`, { ...ctx, signal: new AbortController().signal }).catch((e) => ctx.log.warn(`could not cancel ${id}: ${e.message}`));
  }
  async runJob(job, ctx, state) {
    const started = performance.now();
    if (ctx.signal.aborted)
      throw new TrainingError("openai", abortOutcome(ctx.signal).outcome, abortOutcome(ctx.signal).reason);
    const training = await this.upload(job.data.train, ctx);
    const validation = job.data.validation ? await this.upload(job.data.validation, ctx) : void 0;
    const hyperparameters = {};
    for (const [k, v] of Object.entries(job.params)) {
      if (HYPERPARAMETERS.includes(k))
        hyperparameters[k] = typeof v === "boolean" ? String(v) : v;
      else
        ctx.log.warn(`parameter ${k} is not an OpenAI fine-tuning hyperparameter (${HYPERPARAMETERS.join(", ")}); ignored`);
    }
    const created = await this.call("POST", "/fine_tuning/jobs", ctx, {
      model: this.o.model,
      training_file: training,
      ...validation ? { validation_file: validation } : {},
      suffix: job.name.slice(0, 64),
      method: { type: "supervised", supervised: { hyperparameters } }
    });
    state.jobId = created.id;
    ctx.log.info(`OpenAI fine-tuning job ${created.id} created (${this.o.model})`);
    const metrics = {};
    let after;
    let current = created;
    let cancelSent = false;
    for (; ; ) {
      if (ctx.signal.aborted && !cancelSent) {
        cancelSent = true;
        const { outcome, reason } = abortOutcome(ctx.signal);
        await this.cancel(current.id, ctx);
        throw new TrainingError("openai", outcome, reason, current.id);
      }
      try {
        after = await this.followEvents(current.id, after, metrics, ctx);
        current = await this.call("GET", `/fine_tuning/jobs/${current.id}`, ctx);
      } catch (error) {
        if (ctx.signal.aborted)
          continue;
        throw error;
      }
      if (current.status === "succeeded")
        break;
      if (current.status === "failed") {
        const e = current.error;
        throw new TrainingError("openai", "failed", `${e?.message ?? "no reason given"}${e?.code ? ` (${e.code})` : ""}`, current.id);
      }
      if (current.status === "cancelled")
        throw new TrainingError("openai", "cancelled", "the job was cancelled on OpenAI", current.id);
      await pause(this.o.pollIntervalMs ?? 15e3, ctx.signal);
    }
    await this.followEvents(current.id, after, metrics, ctx);
    if (typeof current.trained_tokens === "number")
      metrics.trained_tokens = current.trained_tokens;
    const model = current.fine_tuned_model ?? "";
    if (!model)
      throw new TrainingError("openai", "failed", "the job succeeded without a fine_tuned_model", current.id);
    ctx.log.info(`fine-tuned model: ${model}`);
    return { launcher: "openai", jobId: current.id, model, metrics, durationMs: performance.now() - started };
  }
  async upload(file, ctx) {
    const form = new FormData();
    form.set("purpose", "fine-tune");
    form.set("file", await openAsBlob(file), path2.basename(file));
    const uploaded = await this.call("POST", "/files", ctx, form);
    ctx.log.info(`uploaded ${path2.basename(file)} as ${uploaded.id}`);
    return uploaded.id;
  }
  /** Logs new events oldest first and folds `metrics` events into `into`; returns the newest event id. */
  async followEvents(id, after, into, ctx) {
    const q = new URLSearchParams({ limit: "100", ...after ? { after } : {} });
    const page = await this.call("GET", `/fine_tuning/jobs/${id}/events?${q}`, ctx);
    const events = [...page.data].sort((a, b) => a.created_at - b.created_at);
    for (const e of events) {
      if (e.type === "metrics" && e.data) {
        for (const [k, v] of Object.entries(e.data))
          if (typeof v === "number" && Number.isFinite(v))
            into[k] = v;
      } else
        ctx.log.info(`[${e.level}] ${e.message}`);
    }
    return page.data[0]?.id ?? after;
  }
  async call(method, route, ctx, body) {
    return retry(async () => {
      const res = await fetch(`${this.base}${route}`, {
        method,
        signal: ctx.signal.aborted ? null : ctx.signal,
        headers: {
          authorization: `Bearer ${this.o.apiKey}`,
          ...this.o.organization ? { "openai-organization": this.o.organization } : {},
          ...body !== void 0 && !(body instanceof FormData) ? { "content-type": "application/json" } : {}
        },
        ...body !== void 0 ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}
      });
      const text = await res.text();
      if (!res.ok) {
        const message = safeMessage(text) ?? res.statusText;
        throw new HttpError(`OpenAI ${method} ${route.split("?")[0]} answered ${res.status}: ${message}`, res.status, res.headers.get("retry-after") ?? void 0);
      }
      return JSON.parse(text);
    }, { retries: 4, signal: ctx.signal }).catch((error) => {
      if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        throw new TrainingError("openai", "failed", error.message);
      }
      throw error;
    });
  }
};
function safeMessage(text) {
  try {
    return JSON.parse(text).error?.message;
  } catch {
    return text.slice(0, 200) || void 0;
  }
}

// packages/finetune/lib/internal/launchers/sagemaker.js
function hyperParameters(params) {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}
var SageMakerLauncher = class {
  o;
  kind = "sagemaker";
  constructor(o) {
    this.o = o;
  }
  async run(job, ctx) {
    for (const name2 of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
      const v = process.env[name2];
      if (v)
        ctx.setSecret(v);
    }
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const sdk = await import("./dist-cjs-MLS2EGPF.js");
    const client = new sdk.SageMakerClient({ region: this.o.region, ...this.o.endpoint ? { endpoint: this.o.endpoint } : {}, maxAttempts: 4 });
    const started = performance.now();
    const name = `${job.name.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 48)}-${Date.now().toString(36)}`.replace(/^-+/, "");
    const dataPrefix = `${this.o.inputS3.replace(/\/$/, "")}/${name}`;
    const channel = (kind) => ({
      ChannelName: kind,
      DataSource: {
        S3DataSource: {
          S3DataType: "S3Prefix",
          S3Uri: `${dataPrefix}/${kind}/`,
          S3DataDistributionType: "FullyReplicated"
        }
      },
      ContentType: "application/jsonlines"
    });
    try {
      const up = { region: this.o.region, ...this.o.s3Endpoint ? { endpoint: this.o.s3Endpoint } : {}, signal: ctx.signal, log: ctx.log };
      await uploadToS3(job.data.train, `${dataPrefix}/train/`, up);
      if (job.data.validation)
        await uploadToS3(job.data.validation, `${dataPrefix}/validation/`, up);
      await client.send(new sdk.CreateTrainingJobCommand({
        TrainingJobName: name,
        RoleArn: this.o.roleArn,
        AlgorithmSpecification: { TrainingImage: this.o.image, TrainingInputMode: "File" },
        HyperParameters: hyperParameters(job.params),
        InputDataConfig: [channel("train"), ...job.data.validation ? [channel("validation")] : []],
        OutputDataConfig: { S3OutputPath: this.o.outputS3 },
        ResourceConfig: { InstanceType: this.o.instanceType, InstanceCount: this.o.instanceCount ?? 1, VolumeSizeInGB: this.o.volumeSizeGb ?? 50 },
        StoppingCondition: { MaxRuntimeInSeconds: this.o.maxRuntimeSeconds ?? 86400 },
        Tags: [{ Key: "managed-by", Value: "slipway" }]
      }), { abortSignal: ctx.signal });
      ctx.log.info(`SageMaker training job ${name} created (${this.o.instanceType} \xD7 ${this.o.instanceCount ?? 1})`);
      let status = "";
      let described = {};
      for (; ; ) {
        if (ctx.signal.aborted) {
          const { outcome, reason } = abortOutcome(ctx.signal);
          await client.send(new sdk.StopTrainingJobCommand({ TrainingJobName: name })).catch((e) => ctx.log.warn(`could not stop ${name}: ${e.message}`));
          throw new TrainingError("sagemaker", outcome, reason, name);
        }
        try {
          described = await client.send(new sdk.DescribeTrainingJobCommand({ TrainingJobName: name }), { abortSignal: ctx.signal });
        } catch (error) {
          if (ctx.signal.aborted)
            continue;
          throw error;
        }
        const now = `${described.TrainingJobStatus}/${described.SecondaryStatus}`;
        if (now !== status)
          ctx.log.info(`${name}: ${now}`);
        status = now;
        if (described.TrainingJobStatus === "Completed")
          break;
        if (described.TrainingJobStatus === "Failed")
          throw new TrainingError("sagemaker", "failed", described.FailureReason ?? "no FailureReason given", name);
        if (described.TrainingJobStatus === "Stopped") {
          const timedOut = described.SecondaryStatus === "MaxRuntimeExceeded";
          throw new TrainingError("sagemaker", timedOut ? "timed-out" : "cancelled", timedOut ? "MaxRuntimeInSeconds exceeded" : "the job was stopped", name);
        }
        await pause(this.o.pollIntervalMs ?? 3e4, ctx.signal);
      }
      const metrics = {};
      for (const m of described.FinalMetricDataList ?? [])
        if (m.MetricName && typeof m.Value === "number")
          metrics[m.MetricName] = m.Value;
      const model = described.ModelArtifacts?.S3ModelArtifacts ?? "";
      if (!model)
        throw new TrainingError("sagemaker", "failed", "the job completed without ModelArtifacts.S3ModelArtifacts", name);
      return { launcher: "sagemaker", jobId: name, model, metrics, durationMs: performance.now() - started };
    } catch (error) {
      if (error instanceof TrainingError)
        throw error;
      if (ctx.signal.aborted)
        throw new TrainingError("sagemaker", abortOutcome(ctx.signal).outcome, abortOutcome(ctx.signal).reason, name);
      const e = error;
      if (e.$metadata?.httpStatusCode && e.$metadata.httpStatusCode < 500)
        throw new TrainingError("sagemaker", "failed", `${e.name}: ${e.message}`, name);
      throw error;
    } finally {
      client.destroy();
    }
  }
};

// packages/finetune/lib/internal/resolve.js
async function resolveFineTune(rt, o) {
  const loaded = await loadConfig({ dir: rt.cwd, ...o.configFile ? { file: o.configFile } : {} });
  const train = { ...loaded.config.train ?? {} };
  if (o.command)
    train.command = o.command;
  if (o.launcher)
    train.launcher = o.launcher;
  if (o.baseModel)
    train.baseModel = o.baseModel;
  const data = o.data?.length ? o.data : train.data ?? [];
  if (data.length === 0)
    throw new InputError("data", "no training data", { hint: "set train.data in slipway.yml or the data input" });
  const output = o.output ?? train.output ?? "model";
  const ev = train.evaluate ?? {};
  const remoteUrl = o.remote ?? loaded.config.artifacts?.remote;
  return {
    root: rt.cwd,
    configDir: loaded.dir,
    train,
    data,
    evalData: o.evalData?.length ? o.evalData : train.evalData ?? [],
    output: output.replace(/\/+$/, ""),
    name: train.name ?? path3.basename(output),
    outDir: path3.resolve(rt.cwd, o.outDir ?? ".slipway/fine-tune"),
    // artifacts.remote is relative to slipway.yml; the store resolves it the same way.
    remote: remoteUrl && /^file:\/\/[^/]/.test(remoteUrl) && !o.remote ? `file://${path3.resolve(loaded.dir, remoteUrl.slice(7))}` : remoteUrl,
    suites: ev.suites ?? loaded.config.eval?.suites ?? [],
    metric: ev.metric ?? "pass-rate",
    goal: ev.goal ?? "maximize",
    stateDir: path3.resolve(loaded.dir, loaded.config.deploy?.state ?? ".slipway/state"),
    s3: {
      ...loaded.config.artifacts?.s3?.region ? { region: loaded.config.artifacts.s3.region } : {},
      ...loaded.config.artifacts?.s3?.endpoint ? { endpoint: loaded.config.artifacts.s3.endpoint } : {},
      ...loaded.config.artifacts?.s3?.pathStyle !== void 0 ? { pathStyle: loaded.config.artifacts.s3.pathStyle } : {}
    },
    options: o
  };
}
function buildLauncher(rt, r) {
  const t = r.train;
  const kind = t.launcher ?? "command";
  const ms = (d, fallback) => d ? parseDuration("pollInterval", d) : fallback;
  switch (kind) {
    case "command":
      if (!t.command)
        throw new InputError("command", "is required with launcher: command", { hint: "set train.command, e.g. python train.py --out {output}" });
      return new CommandLauncher({ command: t.command });
    case "openai": {
      const key = r.options.openaiApiKey ?? process.env[t.openai?.apiKeyEnv ?? "OPENAI_API_KEY"];
      if (!key)
        throw new InputError("openai-api-key", "is required with launcher: openai", { hint: "pass secrets.OPENAI_API_KEY" });
      rt.setSecret(key);
      if (!t.baseModel)
        throw new UserError("train.baseModel is required with launcher: openai", { hint: "e.g. baseModel: gpt-4o-mini-2024-07-18" });
      return new OpenAILauncher({
        model: t.baseModel,
        apiKey: key,
        ...t.openai?.baseUrl ? { baseUrl: t.openai.baseUrl } : {},
        pollIntervalMs: ms(t.openai?.pollInterval, 15e3)
      });
    }
    case "sagemaker": {
      const s = t.sagemaker;
      if (!s)
        throw new UserError("train.sagemaker is required with launcher: sagemaker", { hint: "set region, roleArn, image, instanceType, inputS3 and outputS3" });
      return new SageMakerLauncher({
        region: s.region,
        roleArn: s.roleArn,
        image: s.image,
        instanceType: s.instanceType,
        inputS3: s.inputS3,
        outputS3: s.outputS3,
        ...s.endpoint ? { endpoint: s.endpoint } : {},
        ...s.s3Endpoint ? { s3Endpoint: s.s3Endpoint } : {},
        ...s.instanceCount ? { instanceCount: s.instanceCount } : {},
        ...s.volumeSizeGb ? { volumeSizeGb: s.volumeSizeGb } : {},
        ...r.options.timeoutMs ? { maxRuntimeSeconds: Math.ceil(r.options.timeoutMs / 1e3) } : {},
        pollIntervalMs: ms(s.pollInterval, 3e4)
      });
    }
    case "kubernetes": {
      const k = t.kubernetes;
      if (!k)
        throw new UserError("train.kubernetes is required with launcher: kubernetes", { hint: "set namespace, image and command" });
      const token = r.options.kubernetesToken ?? (k.tokenEnv ? process.env[k.tokenEnv] : void 0);
      if (token)
        rt.setSecret(token);
      return new KubernetesLauncher({
        namespace: k.namespace,
        image: k.image,
        command: k.command,
        kind: k.kind ?? "job",
        ...k.apiServer ? { apiServer: k.apiServer } : {},
        ...token ? { token } : {},
        ...k.workers !== void 0 ? { workers: k.workers } : {},
        ...k.gpus !== void 0 ? { gpus: k.gpus } : {},
        ...k.outputUri ? { outputUri: k.outputUri } : {},
        ...k.dataS3 ? { dataS3: k.dataS3 } : {},
        ...k.s3Endpoint ? { s3Endpoint: k.s3Endpoint } : {},
        ...r.options.timeoutMs ? { activeDeadlineSeconds: Math.ceil(r.options.timeoutMs / 1e3) } : {},
        pollIntervalMs: ms(k.pollInterval, 1e4)
      });
    }
  }
}
function codeRevision(cwd) {
  const git = (args) => {
    const r = spawnSync("git", args, { cwd, encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : "";
  };
  const sha = process.env.GITHUB_SHA || git(["rev-parse", "HEAD"]) || "0".repeat(40);
  const ref = process.env.GITHUB_REF || (git(["symbolic-ref", "-q", "HEAD"]) ? git(["symbolic-ref", "-q", "HEAD"]) : "refs/heads/local");
  return { sha, ref, ...process.env.GITHUB_REPOSITORY ? { repository: process.env.GITHUB_REPOSITORY } : {} };
}

// packages/finetune/lib/internal/steps.js
import { mkdir as mkdir4, readFile as readFile6 } from "node:fs/promises";
import path8 from "node:path";

// packages/finetune/lib/internal/cancel.js
function runSignal(options) {
  const controller = new AbortController();
  const onSignal = (name) => controller.abort(`the workflow was cancelled (${name})`);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const timer = options.timeoutMs ? setTimeout(() => controller.abort({ outcome: "timed-out", reason: `the time limit of ${options.timeoutLabel ?? `${options.timeoutMs} ms`} passed` }), options.timeoutMs) : void 0;
  const onParent = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted)
    onParent();
  else
    options.signal?.addEventListener("abort", onParent, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      if (timer)
        clearTimeout(timer);
      options.signal?.removeEventListener("abort", onParent);
    }
  };
}

// packages/finetune/lib/internal/data/check.js
import { createHash, randomBytes } from "node:crypto";
import { mkdir as mkdir2, readFile as readFile3, rename, rm, writeFile } from "node:fs/promises";
import path4 from "node:path";

// packages/finetune/lib/internal/data/minhash.js
function normalizeText(text) {
  return text.toLowerCase().replace(/\d+/g, "0").replace(/[^\p{L}\p{N}\s]+/gu, " ").replace(/\s+/g, " ").trim();
}
function fnv1a(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
function shingles(normalized, k = 3) {
  const words = normalized.split(" ").filter(Boolean);
  if (words.length === 0)
    return new Uint32Array(0);
  if (words.length <= k)
    return Uint32Array.of(fnv1a(words.join(" ")));
  const out = new Uint32Array(words.length - k + 1);
  for (let i = 0; i + k <= words.length; i++)
    out[i] = fnv1a(words.slice(i, i + k).join(" "));
  return out;
}
var DEFAULT_MINHASH = { permutations: 128, bands: 16, seed: 1 };
function coefficients(n, seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}
var MinHasher = class {
  options;
  a;
  b;
  rows;
  constructor(options = DEFAULT_MINHASH) {
    this.options = options;
    if (options.permutations % options.bands !== 0)
      throw new RangeError("permutations must be a multiple of bands");
    ({ a: this.a, b: this.b } = coefficients(options.permutations, options.seed));
    this.rows = options.permutations / options.bands;
  }
  signature(set) {
    const n = this.options.permutations;
    const sig = new Uint32Array(n).fill(4294967295);
    for (let j = 0; j < set.length; j++) {
      const x = set[j];
      for (let i = 0; i < n; i++) {
        const h = Math.imul(this.a[i], x) + this.b[i] >>> 0;
        if (h < sig[i])
          sig[i] = h;
      }
    }
    return sig;
  }
  /** The share of slots two signatures agree on: an unbiased estimate of Jaccard similarity. */
  static similarity(x, y) {
    let same = 0;
    for (let i = 0; i < x.length; i++)
      if (x[i] === y[i])
        same++;
    return x.length === 0 ? 0 : same / x.length;
  }
  /** One key per band: items sharing any key are candidate pairs. */
  bandKeys(sig) {
    const keys = [];
    for (let band = 0; band < this.options.bands; band++) {
      let h = 2166136261 ^ band;
      for (let r = 0; r < this.rows; r++) {
        h ^= sig[band * this.rows + r];
        h = Math.imul(h, 16777619);
      }
      keys.push(`${band}:${(h >>> 0).toString(36)}`);
    }
    return keys;
  }
};
function shingleSet(hashes) {
  return Uint32Array.from(new Set(hashes)).sort();
}
function jaccard(a, b) {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y)
      i++;
    else
      j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 1 : inter / union;
}
var NearDuplicateIndex = class {
  hasher;
  threshold;
  buckets = /* @__PURE__ */ new Map();
  items = [];
  constructor(hasher, threshold) {
    this.hasher = hasher;
    this.threshold = threshold;
  }
  /** The most similar indexed item at or above the threshold, if any. `set` is from {@link shingleSet}. */
  nearest(sig, set) {
    let best;
    const tried = /* @__PURE__ */ new Set();
    for (const key of this.hasher.bandKeys(sig)) {
      for (const idx of this.buckets.get(key) ?? []) {
        if (tried.has(idx))
          continue;
        tried.add(idx);
        const item = this.items[idx];
        const s = jaccard(set, item.set);
        if (s >= this.threshold && (!best || s > best.similarity))
          best = { value: item.value, similarity: s };
      }
    }
    return best;
  }
  add(sig, set, value) {
    const idx = this.items.push({ set, value }) - 1;
    for (const key of this.hasher.bandKeys(sig)) {
      const list = this.buckets.get(key);
      if (list)
        list.push(idx);
      else
        this.buckets.set(key, [idx]);
    }
  }
};

// packages/finetune/lib/internal/data/parse.js
var DATA_FORMATS = ["chat", "completion", "exchange"];
var ROLES = /* @__PURE__ */ new Set(["system", "developer", "user", "assistant", "tool"]);
function parseJsonl(file, text, expect) {
  const examples = [];
  const problems = [];
  let seen = expect;
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0)
      end = text.length;
    lineNo++;
    const raw = text.slice(start, end).replace(/\r$/, "");
    start = end + 1;
    if (raw.trim() === "") {
      if (end === text.length)
        break;
      continue;
    }
    const at2 = { file, line: lineNo };
    const fail = (message) => problems.push({ severity: "error", kind: "schema", message, location: at2 });
    let row;
    try {
      row = JSON.parse(raw);
    } catch (error) {
      fail(`not valid JSON (${error.message.split("\n")[0]})`);
      continue;
    }
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      fail("each line must be a JSON object");
      continue;
    }
    const obj = row;
    const format = detect(obj);
    if (!format) {
      fail('neither {"messages": [...]} (chat), {"prompt", "completion"} nor {"messages", "expected"} (exchange)');
      continue;
    }
    if (seen && format !== seen) {
      fail(`a ${format} line in a ${seen} file: keep one format per file`);
      continue;
    }
    seen ??= format;
    const parsed = format === "completion" ? completion(obj) : chat(obj, format);
    if (typeof parsed === "string") {
      fail(parsed);
      continue;
    }
    examples.push({ file, line: lineNo, format, raw, ...parsed });
  }
  return { examples, problems };
}
function detect(obj) {
  if ("messages" in obj)
    return typeof obj.expected === "string" || typeof obj.answer === "string" ? "exchange" : "chat";
  if ("prompt" in obj || "completion" in obj)
    return "completion";
  return void 0;
}
function completion(obj) {
  const { prompt, completion: reply } = obj;
  if (typeof prompt !== "string")
    return '"prompt" must be a string';
  if (typeof reply !== "string")
    return '"completion" must be a string';
  if (reply.trim() === "")
    return '"completion" is empty: nothing to learn';
  return {
    messages: [
      { role: "user", content: prompt },
      { role: "assistant", content: reply }
    ],
    prompt,
    completion: reply
  };
}
function contentText(content) {
  if (typeof content === "string")
    return content;
  if (Array.isArray(content)) {
    const parts = content.map((p) => p && typeof p === "object" && typeof p.text === "string" ? p.text : void 0);
    return parts.every((p) => p !== void 0) ? parts.join("") : void 0;
  }
  return void 0;
}
function chat(obj, format) {
  const list = obj.messages;
  if (!Array.isArray(list) || list.length === 0)
    return '"messages" must be a non-empty array';
  const messages = [];
  for (const [i, m] of list.entries()) {
    const where = `messages[${i}]`;
    if (m === null || typeof m !== "object")
      return `${where} must be an object with role and content`;
    const { role, content, weight, name, tool_calls: toolCalls } = m;
    if (typeof role !== "string" || !ROLES.has(role))
      return `${where}.role is ${JSON.stringify(role ?? null)}; use one of ${[...ROLES].join(", ")}`;
    const text = contentText(content);
    if (text === void 0 && !(role === "assistant" && Array.isArray(toolCalls)))
      return `${where}.content must be a string or an array of text parts`;
    if (weight !== void 0 && weight !== 0 && weight !== 1)
      return `${where}.weight must be 0 or 1`;
    if (weight !== void 0 && role !== "assistant")
      return `${where}.weight is only allowed on assistant messages`;
    messages.push({ role, content: text ?? "", ...weight !== void 0 ? { weight } : {}, ...typeof name === "string" ? { name } : {} });
  }
  const firstOther = messages.findIndex((m) => m.role !== "system" && m.role !== "developer");
  const lateSystem = messages.findIndex((m, i) => i > firstOther && firstOther >= 0 && (m.role === "system" || m.role === "developer"));
  if (lateSystem >= 0)
    return `messages[${lateSystem}] is a ${messages[lateSystem]?.role} message after the conversation started; put instructions first`;
  if (firstOther < 0)
    return "only system messages: add a user message and the assistant reply";
  if (messages[firstOther]?.role !== "user")
    return `messages[${firstOther}] is ${messages[firstOther]?.role}: the conversation must start with a user message`;
  for (let i = firstOther + 1; i < messages.length; i++) {
    const prev = messages[i - 1]?.role;
    const role = messages[i]?.role;
    if (role === prev && role !== "tool")
      return `messages[${i}] is a second ${role} message in a row: user and assistant must alternate`;
    if (role === "tool" && prev !== "assistant" && prev !== "tool")
      return `messages[${i}] is a tool result that does not follow an assistant tool call`;
  }
  for (const [i, m] of messages.entries())
    if (m.content.trim() === "" && m.role !== "assistant")
      return `messages[${i}] (${m.role}) is empty`;
  if (format === "exchange") {
    const expected = typeof obj.expected === "string" ? obj.expected : obj.answer;
    if (messages.at(-1)?.role !== "user")
      return 'with "expected", the messages must end with the user question';
    if (expected.trim() === "")
      return '"expected" is empty: nothing to learn';
    return { messages: [...messages, { role: "assistant", content: expected }], prompt: promptText(messages), completion: expected };
  }
  const last = messages.at(-1);
  if (last.role !== "assistant")
    return `the last message is ${last.role}: end with the assistant reply to learn`;
  if (last.content.trim() === "" || last.weight === 0)
    return "the last assistant message is empty or has weight 0: nothing to learn";
  return { messages, prompt: promptText(messages.slice(0, -1)), completion: last.content };
}
function promptText(messages) {
  return messages.map((m) => m.content).join("\n");
}

// packages/finetune/lib/internal/data/tokens.js
function encodingFor(model) {
  const m = model.replace(/^ft:/, "").toLowerCase();
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/.test(m))
    return "o200k_base";
  if (/^(gpt-4|gpt-3\.5|babbage-002|davinci-002)/.test(m))
    return "cl100k_base";
  return void 0;
}
async function tokenCounter(model) {
  const encoding = model ? encodingFor(model) : void 0;
  if (!encoding)
    return { encoding: "approximate (4 characters per token)", exact: false, count: (t) => Math.ceil(t.length / 4) };
  const { Tiktoken } = await import("./lite-5HTTWEBM.js");
  const ranks = encoding === "o200k_base" ? (await import("./o200k_base-UJVW76KC.js")).default : (await import("./cl100k_base-HFTD7OIU.js")).default;
  const enc = new Tiktoken(ranks);
  const pieces = new RegExp(ranks.pat_str, "gu");
  const memo = /* @__PURE__ */ new Map();
  const count = (t) => {
    if (t.includes("<|"))
      return enc.encode(t, "all").length;
    let n = 0;
    for (const m of t.matchAll(pieces)) {
      const piece = m[0];
      let c = memo.get(piece);
      if (c === void 0) {
        c = enc.encode(piece, "all").length;
        if (memo.size >= 1e6)
          memo.clear();
        memo.set(piece, c);
      }
      n += c;
    }
    return n;
  };
  return { encoding, exact: true, count };
}
function exampleTokens(counter, ex) {
  let n = 3;
  for (const m of ex.messages) {
    n += 3 + counter.count(m.role) + counter.count(m.content);
    if (m.name)
      n += 1 + counter.count(m.name);
  }
  return n;
}
var TRAINING_PRICES = [
  [/^gpt-4o-mini/, 3],
  [/^gpt-4o/, 25],
  [/^gpt-4\.1-nano/, 1.5],
  [/^gpt-4\.1-mini/, 5],
  [/^gpt-4\.1/, 25],
  [/^gpt-3\.5-turbo/, 8],
  [/^(babbage-002)/, 0.4],
  [/^(davinci-002)/, 6]
];
function trainingPrice(model) {
  if (!model)
    return void 0;
  const m = model.replace(/^ft:/, "").toLowerCase();
  return TRAINING_PRICES.find(([re]) => re.test(m))?.[1];
}

// packages/finetune/lib/internal/data/check.js
function exactKey(ex) {
  const norm = (s) => s.toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha1").update(norm(ex.prompt)).update("\0").update(norm(ex.completion)).digest("base64");
}
async function checkData(o) {
  if (o.train.length === 0)
    throw new InputError("data", "name at least one training file", { hint: "e.g. data: data/train.jsonl" });
  const threshold = o.nearDuplicateThreshold ?? 0.85;
  const problems = [];
  const files = [];
  const digest = createHash("sha256");
  const load = async (rel, role) => {
    const abs = path4.resolve(o.cwd, rel);
    const bytes = await readFile3(abs).catch((error) => {
      throw new InputError(role === "train" ? "data" : "eval-data", `cannot read ${rel} (${error.code ?? error.message})`, {
        hint: "paths are relative to the repository root"
      });
    });
    if (role === "train")
      digest.update(`${rel}\0${bytes.length}\0`).update(bytes);
    const parsed = parseJsonl(rel, bytes.toString("utf8"), o.format);
    problems.push(...parsed.problems);
    files.push({ file: rel, role, format: parsed.examples[0]?.format ?? "empty", examples: parsed.examples.length, bytes: bytes.length });
    if (parsed.examples.length === 0 && parsed.problems.length === 0)
      problems.push({ severity: "error", kind: "schema", message: "no examples in this file", location: { file: rel, line: 1 } });
    return parsed.examples;
  };
  const train = [];
  for (const f of o.train)
    train.push(...await load(f, "train"));
  const held = [];
  for (const f of o.eval ?? [])
    held.push(...await load(f, "eval"));
  const hasher = new MinHasher();
  const counts = { exactDuplicates: 0, nearDuplicates: 0, leakage: 0, secrets: 0, pii: 0, tooLong: 0 };
  const exact = /* @__PURE__ */ new Map();
  const near = new NearDuplicateIndex(hasher, threshold);
  const promptIndex = new NearDuplicateIndex(hasher, threshold);
  const promptExact = /* @__PURE__ */ new Map();
  for (const ex of train) {
    const key = exactKey(ex);
    const first = exact.get(key);
    if (first) {
      counts.exactDuplicates++;
      problems.push({
        severity: "warning",
        kind: "duplicate",
        message: `exact duplicate of ${first.file}:${first.line}`,
        location: { file: ex.file, line: ex.line }
      });
      continue;
    }
    exact.set(key, ex);
    const set = shingleSet(shingles(normalizeText(`${ex.prompt}
${ex.completion}`)));
    const sig = hasher.signature(set);
    const similar = near.nearest(sig, set);
    if (similar) {
      counts.nearDuplicates++;
      problems.push({
        severity: "warning",
        kind: "duplicate",
        message: `near duplicate of ${similar.value.file}:${similar.value.line} (\u2248${Math.round(similar.similarity * 100)}% similar)`,
        location: { file: ex.file, line: ex.line }
      });
    } else
      near.add(sig, set, ex);
    const p = normalizeText(ex.prompt);
    if (!promptExact.has(p))
      promptExact.set(p, ex);
    const pset = shingleSet(shingles(p));
    promptIndex.add(hasher.signature(pset), pset, ex);
  }
  for (const ex of held) {
    const p = normalizeText(ex.prompt);
    const same = promptExact.get(p);
    const pset = shingleSet(shingles(p));
    const similar = same ? { value: same, similarity: 1 } : promptIndex.nearest(hasher.signature(pset), pset);
    if (!similar)
      continue;
    counts.leakage++;
    problems.push({
      severity: "error",
      kind: "leakage",
      message: `eval example also in training: ${similar.value.file}:${similar.value.line} (\u2248${Math.round(similar.similarity * 100)}% similar prompt)`,
      location: { file: ex.file, line: ex.line }
    });
  }
  const counter = await tokenCounter(o.model);
  const lengths = [];
  for (const ex of [...train, ...held]) {
    const text = ex.messages.map((m) => m.content).join("\n");
    const secrets = findSecrets(text);
    if (secrets.length > 0) {
      counts.secrets++;
      problems.push({ severity: "error", kind: "secret", message: `contains a credential (${secrets.join(", ")}): remove it and rotate it`, location: at(ex) });
    }
    if (o.pii !== "off") {
      const pii = findPii(text);
      if (pii.length > 0) {
        counts.pii++;
        problems.push({ severity: o.pii === "error" ? "error" : "warning", kind: "pii", message: `personal data: ${pii.join(", ")}`, location: at(ex) });
      }
    }
  }
  for (const ex of train) {
    const n = exampleTokens(counter, ex);
    lengths.push(n);
    if (o.maxTokensPerExample !== void 0 && n > o.maxTokensPerExample) {
      counts.tooLong++;
      problems.push({ severity: "error", kind: "tokens", message: `${n} tokens, over the limit of ${o.maxTokensPerExample}`, location: at(ex) });
    }
  }
  const dupRate = train.length ? (counts.exactDuplicates + counts.nearDuplicates) / train.length : 0;
  const maxDup = o.maxDuplicateRate ?? 0.2;
  if (dupRate > maxDup) {
    problems.push({
      severity: "error",
      kind: "duplicate",
      message: `${(dupRate * 100).toFixed(1)}% of the training examples are duplicates, over the limit of ${(maxDup * 100).toFixed(1)}% (train.checks.maxDuplicateRate)`,
      location: { file: o.train[0], line: 1 }
    });
  }
  const total = lengths.reduce((s, x) => s + x, 0);
  const report = {
    files,
    examples: { train: train.length, eval: held.length },
    problems: problems.sort(byLocation),
    counts: {
      errors: problems.filter((p) => p.severity === "error").length,
      warnings: problems.filter((p) => p.severity === "warning").length,
      schema: problems.filter((p) => p.kind === "schema").length,
      ...counts
    },
    tokens: {
      encoding: counter.encoding,
      exact: counter.exact,
      total,
      min: lengths.length ? Math.min(...lengths) : 0,
      mean: lengths.length ? total / lengths.length : 0,
      max: lengths.length ? Math.max(...lengths) : 0
    },
    digest: `sha256:${digest.digest("hex")}`,
    ok: !problems.some((p) => p.severity === "error")
  };
  const price = o.pricePerMillion ?? trainingPrice(o.model);
  if (price !== void 0 && o.model) {
    const epochs = o.epochs ?? 3;
    report.cost = { model: o.model, pricePerMillion: price, epochs, trainedTokens: total * epochs, usd: total * epochs * price / 1e6 };
  }
  if (o.split && report.ok)
    report.split = await writeSplit(o.cwd, train, o.split);
  return report;
}
function at(ex) {
  return { file: ex.file, line: ex.line };
}
function byLocation(a, b) {
  return a.location.file === b.location.file ? a.location.line - b.location.line : a.location.file < b.location.file ? -1 : 1;
}
function splitSide(ex, validation) {
  const h = createHash("sha256").update(ex.prompt).update("\0").update(ex.completion).digest();
  return h.readUInt32BE(0) / 2 ** 32 < validation ? "validation" : "train";
}
async function writeSplit(cwd, train, split) {
  const dir = path4.resolve(cwd, split.outDir);
  await mkdir2(dir, { recursive: true });
  const sides = { train: [], validation: [] };
  for (const ex of train)
    sides[splitSide(ex, split.validation)].push(ex.raw);
  const files = { train: path4.join(dir, "train.jsonl"), validation: path4.join(dir, "validation.jsonl") };
  for (const side of ["train", "validation"])
    await writeAtomic(files[side], sides[side].map((l) => `${l}
`).join(""));
  return {
    train: path4.relative(cwd, files.train),
    validation: path4.relative(cwd, files.validation),
    trainExamples: sides.train.length,
    validationExamples: sides.validation.length
  };
}
async function writeAtomic(file, text) {
  await mkdir2(path4.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

// packages/finetune/lib/internal/data/report.js
var SHOWN = 25;
function dataReportMarkdown(r) {
  const icon = r.ok ? "\u2705" : "\u274C";
  const files = markdownTable(["file", "role", "format", "examples", "bytes"], r.files.map((f) => [inlineCode(f.file), f.role, f.format, String(f.examples), String(f.bytes)]), ["left", "left", "left", "right", "right"]);
  const c = r.counts;
  const findings = markdownTable(["check", "found"], [
    ["schema errors", String(c.schema)],
    ["exact duplicates", String(c.exactDuplicates)],
    ["near duplicates (MinHash)", String(c.nearDuplicates)],
    ["train/eval leakage", String(c.leakage)],
    ["secrets", String(c.secrets)],
    ["personal data", String(c.pii)],
    ["over the token limit", String(c.tooLong)]
  ], ["left", "right"]);
  const label = r.tokens.exact ? `exact, ${r.tokens.encoding}` : r.tokens.encoding;
  const tokens = `Tokens (${label}): **${r.tokens.total.toLocaleString("en-US")}** in ${r.examples.train} training examples (min ${r.tokens.min}, mean ${r.tokens.mean.toFixed(1)}, max ${r.tokens.max}).`;
  const cost = r.cost ? ` Estimated cost for ${inlineCode(r.cost.model)}: ${r.cost.epochs} epochs \xD7 ${r.tokens.total.toLocaleString("en-US")} tokens at $${r.cost.pricePerMillion}/1M = **$${r.cost.usd.toFixed(2)}**.` : "";
  const split = r.split ? `

Stable hash split: ${r.split.trainExamples} \u2192 ${inlineCode(r.split.train)}, ${r.split.validationExamples} \u2192 ${inlineCode(r.split.validation)}.` : "";
  const shown = [...r.problems.filter((p) => p.severity === "error"), ...r.problems.filter((p) => p.severity === "warning")].slice(0, SHOWN);
  const list = shown.length ? `

${markdownTable(["", "where", "problem"], shown.map((p) => [p.severity === "error" ? "\u274C" : "\u26A0\uFE0F", inlineCode(`${p.location.file}:${p.location.line}`), escapeMarkdown(p.message)]))}${r.problems.length > SHOWN ? `

\u2026and ${r.problems.length - SHOWN} more.` : ""}` : "";
  return `### ${icon} Training data check

${r.counts.errors} error(s), ${r.counts.warnings} warning(s). Data digest ${inlineCode(r.digest)}.

${files}

${findings}

${tokens}${cost}${split}${list}
`;
}

// packages/finetune/lib/internal/evaluate-model.js
import { spawn as spawn2 } from "node:child_process";
import path5 from "node:path";
async function evaluateModel(rt, cfg, job, outDir) {
  const metrics = {};
  const results = [];
  let passRate;
  if (cfg.command)
    Object.assign(metrics, await commandMetrics(renderCommand(cfg.command, job), job.cwd));
  if (cfg.suites && cfg.suites.length > 0) {
    const server = cfg.serve ? await spawnService("/bin/sh", ["-c", `exec ${renderCommand(cfg.serve, job)}`], {
      cwd: job.cwd,
      ready: /(https?:\/\/[^\s"']+)/,
      name: "the model server"
    }) : void 0;
    try {
      const env = {
        ...process.env,
        SLIPWAY_MODEL: String(job.params.model ?? job.outputDir),
        ...server ? { [cfg.urlEnv ?? "MODEL_URL"]: server.url.replace(/\/$/, "") } : {}
      };
      const quiet = Object.create(rt, {
        log: { value: { ...rt.log, info: () => {
        } } },
        progress: { value: () => ({ tick() {
        }, setTotal() {
        }, done() {
        } }) }
      });
      const run = await evaluate(quiet, { suites: cfg.suites, outDir, env, cacheMode: "off" });
      passRate = run.passRate;
      metrics["pass-rate"] = run.passRate;
      const sums = {};
      for (const s of run.suites) {
        results.push(path5.relative(job.cwd, s.files.results));
        for (const t of s.results.tests) {
          if (t.status === "skipped")
            continue;
          for (const [k, v] of Object.entries({ score: t.score, ...t.metrics })) {
            const acc = sums[k] ?? { sum: 0, n: 0 };
            sums[k] = acc;
            acc.sum += v;
            acc.n++;
          }
        }
      }
      for (const [k, { sum, n }] of Object.entries(sums))
        metrics[k] = n ? sum / n : 0;
    } finally {
      await server?.stop();
    }
  }
  return { metrics, ...passRate !== void 0 ? { passRate } : {}, results };
}
function commandMetrics(command, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn2("/bin/sh", ["-c", command], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => {
      out += c.toString();
    });
    child.stderr.on("data", (c) => {
      err += c.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0)
        return reject(new UserError(`the eval command exited with ${code}: ${(err || out).trim().split("\n").slice(-2).join(" | ")}`));
      const metrics = {};
      const docs = [];
      try {
        docs.push(JSON.parse(out));
      } catch {
        for (const line of out.split("\n"))
          try {
            docs.push(JSON.parse(line));
          } catch {
          }
      }
      for (const d of docs)
        if (d && typeof d === "object") {
          for (const [k, v] of Object.entries(d))
            if (typeof v === "number" && Number.isFinite(v))
              metrics[k] = v;
        }
      if (Object.keys(metrics).length === 0)
        return reject(new UserError("the eval command printed no JSON metrics", { hint: 'print an object such as {"accuracy": 0.91}' }));
      resolve(metrics);
    });
  });
}

// packages/finetune/lib/internal/pull-request.js
async function openPointerPullRequest(ctx, pr, log) {
  if (!ctx.token) {
    log.warn("no pull request: no GitHub token (set the github-token input)");
    return void 0;
  }
  const gh = createClient(ctx);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  try {
    const { data: meta } = await gh.rest.repos.get(repo);
    const base = meta.default_branch;
    const { data: ref } = await gh.rest.git.getRef({ ...repo, ref: `heads/${base}` });
    const { data: parent } = await gh.rest.git.getCommit({ ...repo, commit_sha: ref.object.sha });
    const tree = [];
    for (const f of pr.files) {
      const { data: blob } = await gh.rest.git.createBlob({ ...repo, content: Buffer.from(f.content).toString("base64"), encoding: "base64" });
      tree.push({ path: f.path, mode: "100644", type: "blob", sha: blob.sha });
    }
    const { data: newTree } = await gh.rest.git.createTree({ ...repo, base_tree: parent.tree.sha, tree });
    const { data: commit } = await gh.rest.git.createCommit({
      ...repo,
      message: `${pr.title}

${plainText(pr.body, 2e3)}`,
      tree: newTree.sha,
      parents: [parent.sha]
    });
    try {
      await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${pr.branch}`, sha: commit.sha });
    } catch (error) {
      if (error.status !== 422)
        throw error;
      await gh.rest.git.updateRef({ ...repo, ref: `heads/${pr.branch}`, sha: commit.sha, force: true });
    }
    const { data: open } = await gh.rest.pulls.list({ ...repo, head: `${ctx.owner}:${pr.branch}`, state: "open", per_page: 1 });
    const existing = open[0];
    if (existing)
      return { url: existing.html_url, number: existing.number };
    const { data: created } = await gh.rest.pulls.create({
      ...repo,
      head: pr.branch,
      base,
      title: plainText(pr.title, 200),
      body: pr.body,
      maintainer_can_modify: true
    });
    return { url: created.html_url, number: created.number };
  } catch (error) {
    const status = error.status;
    const why = status === 403 || status === 404 ? `the token cannot write here (HTTP ${status}); give the job contents: write and pull-requests: write` : `HTTP ${status ?? "?"}: ${error.message.split("\n")[0]}`;
    log.warn(`no pull request: ${why}`);
    return void 0;
  }
}

// packages/finetune/lib/internal/registry/huggingface.js
var HubRegistry = class {
  repo;
  token;
  url;
  kind = "huggingface";
  constructor(repo, token, url = "https://huggingface.co") {
    this.repo = repo;
    this.token = token;
    this.url = url;
  }
  get display() {
    return `${this.url}/${this.repo}`;
  }
  async register(entry) {
    const [organization, name] = this.repo.includes("/") ? this.repo.split("/") : [void 0, this.repo];
    await this.call("POST", "/api/repos/create", "application/json", JSON.stringify({ type: "model", name, ...organization ? { organization } : {}, private: true })).catch((error) => {
      if (!(error instanceof HttpError && error.status === 409))
        throw error;
    });
    const card = modelCard(entry);
    const lines = [
      {
        key: "header",
        value: {
          summary: `${entry.name}: ${entry.stage} model from ${entry.code.sha.slice(0, 12)}`,
          description: `Registered by Slipway fine-tune (release ${entry.release})`
        }
      },
      { key: "file", value: { path: "README.md", content: Buffer.from(card).toString("base64"), encoding: "base64" } },
      {
        key: "file",
        value: { path: "slipway-model.json", content: Buffer.from(`${JSON.stringify(entry, null, 2)}
`).toString("base64"), encoding: "base64" }
      }
    ];
    const res = await this.call("POST", `/api/models/${this.repo}/commit/main`, "application/x-ndjson", lines.map((l) => JSON.stringify(l)).join("\n"));
    return { version: res.commitOid, url: res.commitUrl ?? `${this.url}/${this.repo}/commit/${res.commitOid}` };
  }
  call(method, route, type, body) {
    return retry(async () => {
      const res = await fetch(`${this.url.replace(/\/$/, "")}${route}`, {
        method,
        headers: { "content-type": type, authorization: `Bearer ${this.token}` },
        body
      });
      const text = await res.text();
      if (!res.ok)
        throw new HttpError(`Hugging Face ${route} answered ${res.status}: ${text.slice(0, 300)}`, res.status);
      return text ? JSON.parse(text) : {};
    });
  }
};
function modelCard(e) {
  const q = (v) => JSON.stringify(v);
  const metrics = Object.entries(e.metrics).map(([k, v]) => `          - type: ${q(k)}
            value: ${v}`).join("\n");
  return `---
tags: [slipway, ${q(e.stage)}]
slipway:
  stage: ${q(e.stage)}
  data_digest: ${q(e.dataDigest)}
  git_sha: ${q(e.code.sha)}
  git_ref: ${q(e.code.ref)}
  release: ${q(e.release)}
model-index:
  - name: ${q(e.name)}
    results:
      - task: { type: text-generation }
        metrics:
${metrics || "          []"}
---

# ${e.name}

Trained by Slipway from commit \`${e.code.sha}\` (${e.code.ref}) on data \`${e.dataDigest}\`; stage **${e.stage}**.
`;
}

// packages/finetune/lib/internal/registry/mlflow.js
var STAGES = { staging: "Staging", production: "Production", archived: "Archived", none: "None" };
var MlflowRegistry = class {
  url;
  token;
  kind = "mlflow";
  constructor(url, token) {
    this.url = url;
    this.token = token;
  }
  get display() {
    return this.url;
  }
  async register(entry) {
    await this.call("registered-models/create", { name: entry.name, description: "Registered by Slipway fine-tune" }).catch((error) => {
      if (!(error instanceof HttpError && error.message.includes("RESOURCE_ALREADY_EXISTS")))
        throw error;
    });
    const tags = [
      { key: "slipway.data_digest", value: entry.dataDigest },
      { key: "slipway.git_sha", value: entry.code.sha },
      { key: "slipway.git_ref", value: entry.code.ref },
      { key: "slipway.release", value: entry.release },
      { key: "slipway.stage", value: entry.stage },
      { key: "slipway.launcher", value: entry.model.launcher },
      ...Object.entries(entry.metrics).map(([k, v]) => ({ key: `metric.${k}`, value: String(v) })),
      ...Object.entries(entry.params).map(([k, v]) => ({ key: `param.${k}`, value: String(v) }))
    ].map((t) => ({ key: t.key.slice(0, 250), value: t.value.slice(0, 5e3) }));
    const created = await this.call("model-versions/create", {
      name: entry.name,
      source: entry.model.location,
      tags,
      description: `eval ${entry.eval.metric} = ${entry.eval.value ?? "n/a"}`
    });
    const version = String(created.model_version.version);
    const stage = STAGES[entry.stage.toLowerCase()];
    if (stage && stage !== "None")
      await this.call("model-versions/transition-stage", { name: entry.name, version, stage, archive_existing_versions: false });
    return { version, url: `${this.url.replace(/\/$/, "")}/#/models/${encodeURIComponent(entry.name)}/versions/${version}` };
  }
  call(route, body) {
    return retry(async () => {
      const res = await fetch(`${this.url.replace(/\/$/, "")}/api/2.0/mlflow/${route}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...this.token ? { authorization: `Bearer ${this.token}` } : {} },
        body: JSON.stringify(body)
      });
      const text = await res.text();
      if (!res.ok)
        throw new HttpError(`MLflow ${route} answered ${res.status}: ${text.slice(0, 300)}`, res.status);
      return text ? JSON.parse(text) : {};
    });
  }
};

// packages/finetune/lib/internal/registry/registry.js
var ENTRY_SCHEMA = "slipway.model/v1";

// packages/finetune/lib/internal/registry/s3-registry.js
var S3Registry = class {
  o;
  kind = "store";
  constructor(o) {
    this.o = o;
  }
  get display() {
    return `s3://${this.o.bucket}/${this.base("")}`;
  }
  base(name) {
    return `${this.o.prefix ? `${this.o.prefix}/` : ""}registry/${name}${name ? "/" : ""}`;
  }
  async client() {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const sdk = await import("./dist-cjs-4DCAQXGP.js");
    const client = new sdk.S3Client({
      ...this.o.region ? { region: this.o.region } : { region: "us-east-1" },
      ...this.o.endpoint ? { endpoint: this.o.endpoint, forcePathStyle: this.o.pathStyle ?? true } : {},
      requestChecksumCalculation: "WHEN_REQUIRED"
    });
    return { sdk, client };
  }
  async numbers(name) {
    const { sdk, client } = await this.client();
    try {
      const out = [];
      let token;
      do {
        const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: this.base(name), ...token ? { ContinuationToken: token } : {} }));
        for (const o of page.Contents ?? []) {
          const m = /\/(\d+)\.json$/.exec(o.Key ?? "");
          if (m)
            out.push(Number(m[1]));
        }
        token = page.IsTruncated ? page.NextContinuationToken : void 0;
      } while (token);
      return out.sort((a, b) => a - b);
    } finally {
      client.destroy();
    }
  }
  async register(entry) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const version = String(Math.max(0, ...await this.numbers(entry.name)) + 1);
      const full = { schema: ENTRY_SCHEMA, ...entry, version };
      const key = `${this.base(entry.name)}${version}.json`;
      const { sdk, client } = await this.client();
      try {
        await client.send(new sdk.PutObjectCommand({ Bucket: this.o.bucket, Key: key, Body: canonicalJson(full), ContentType: "application/json", IfNoneMatch: "*" }));
        return { version, url: `s3://${this.o.bucket}/${key}` };
      } catch (error) {
        const status = error.$metadata?.httpStatusCode;
        if (status !== 412 && status !== 409)
          throw error;
      } finally {
        client.destroy();
      }
    }
    throw new Error(`could not claim a version of ${entry.name} in ${this.display}: too many concurrent registrations`);
  }
  /** Every version of `name`, oldest first. */
  async versions(name) {
    const numbers = await this.numbers(name);
    const { sdk, client } = await this.client();
    try {
      const out = [];
      for (const n of numbers) {
        const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.o.bucket, Key: `${this.base(name)}${n}.json` }));
        out.push(JSON.parse(await res.Body?.transformToString() ?? "{}"));
      }
      return out;
    } finally {
      client.destroy();
    }
  }
};

// packages/finetune/lib/internal/registry/store-registry.js
import { mkdir as mkdir3, readdir, readFile as readFile4, writeFile as writeFile2 } from "node:fs/promises";
import path6 from "node:path";
var StoreRegistry = class {
  root;
  kind = "store";
  constructor(root) {
    this.root = root;
  }
  get display() {
    return `file://${path6.join(this.root, "registry")}`;
  }
  async register(entry) {
    const dir = path6.join(this.root, "registry", entry.name);
    await mkdir3(dir, { recursive: true });
    for (let attempt = 0; attempt < 100; attempt++) {
      const taken = (await readdir(dir)).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number.parseInt(f, 10));
      const version = String(Math.max(0, ...taken) + 1);
      const file = path6.join(dir, `${version}.json`);
      const full = { schema: ENTRY_SCHEMA, ...entry, version };
      try {
        await writeFile2(file, canonicalJson(full), { flag: "wx" });
        return { version, url: `file://${file}` };
      } catch (error) {
        if (error.code !== "EEXIST")
          throw error;
      }
    }
    throw new Error(`could not claim a version of ${entry.name} in ${dir}: too many concurrent registrations`);
  }
  /** Every version of `name`, oldest first. */
  async versions(name) {
    const dir = path6.join(this.root, "registry", name);
    const files = await readdir(dir).catch(() => []);
    const numbered = files.filter((f) => /^\d+\.json$/.test(f)).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    return Promise.all(numbered.map(async (f) => JSON.parse(await readFile4(path6.join(dir, f), "utf8"))));
  }
  /** The newest version of `name` in `stage`, if any. */
  async latest(name, stage) {
    return (await this.versions(name)).filter((e) => stage === void 0 || e.stage === stage).at(-1);
  }
};

// packages/finetune/lib/internal/select.js
function selectBest(trials, metric, goal) {
  const scored = trials.filter((t) => t.status === "succeeded" && typeof t.eval.value === "number");
  const sign = goal === "maximize" ? -1 : 1;
  scored.sort((a, b) => sign * (a.eval.value - b.eval.value) || a.durationMs - b.durationMs || a.leg.localeCompare(b.leg));
  const rest = trials.filter((t) => !scored.includes(t)).sort((a, b) => a.leg.localeCompare(b.leg));
  const ranked = [...scored, ...rest];
  const best = scored[0];
  if (!best)
    return void 0;
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const rows = ranked.map((t) => [
    t === best ? "\u{1F3C6}" : t.status === "failed" ? "\u274C" : "",
    inlineCode(t.leg),
    ...paramNames.map((p) => escapeMarkdown(String(t.params[p] ?? ""))),
    t.eval.value === void 0 ? "\u2013" : t.eval.value.toFixed(4),
    t.eval.passRate === void 0 ? "\u2013" : `${(t.eval.passRate * 100).toFixed(1)}%`,
    `${(t.durationMs / 1e3).toFixed(1)} s`,
    t.status === "failed" ? escapeMarkdown(t.error ?? "failed") : escapeMarkdown(t.model)
  ]);
  const table = markdownTable(["", "leg", ...paramNames.map(escapeMarkdown), escapeMarkdown(metric), "pass rate", "training", "model / error"], rows);
  const markdown = `### \u{1F3C1} Sweep: ${trials.length} trial(s), best by ${inlineCode(metric)} (${goal})

${table}

Selected ${inlineCode(best.leg)}: ${escapeMarkdown(metric)} = ${best.eval.value.toFixed(4)}.
`;
  return { best, ranked, markdown };
}
function rankValue(metric, evalMetrics, trainMetrics) {
  return evalMetrics[metric] ?? trainMetrics[metric];
}

// packages/finetune/lib/internal/sweep.js
var MATRIX_LIMIT = 256;
function planSweep(spec, where = "train.sweep") {
  const names = Object.keys(spec.parameters);
  if (names.length === 0)
    throw new ConfigError([{ location: { file: where }, message: "sweep.parameters is empty: list at least one hyperparameter" }]);
  const method = spec.method ?? "grid";
  const rng = mulberry32(spec.seed ?? 1);
  const budget = Math.min(spec.budget ?? MATRIX_LIMIT, MATRIX_LIMIT);
  let points;
  if (method === "grid") {
    const ranges = names.map((n) => {
      const v = spec.parameters[n];
      if (!Array.isArray(v))
        throw new ConfigError([{ location: { file: where }, message: `parameters.${n} is a range: a grid needs a list of values (or use method: random)` }]);
      return v;
    });
    const total = ranges.reduce((p, r) => p * r.length, 1);
    const pick = total <= budget ? [...Array(total).keys()] : sample(total, budget, rng).sort((a, b) => a - b);
    points = pick.map((index) => {
      const p = {};
      let rest = index;
      for (let i = names.length - 1; i >= 0; i--) {
        const r = ranges[i];
        p[names[i]] = r[rest % r.length];
        rest = Math.floor(rest / r.length);
      }
      return Object.fromEntries(names.map((n) => [n, p[n]]));
    });
  } else {
    if (spec.budget === void 0)
      throw new ConfigError([{ location: { file: where }, message: "random search needs a budget: how many legs to run" }]);
    points = Array.from({ length: budget }, () => Object.fromEntries(names.map((n) => [n, draw(spec.parameters[n], rng, n, where)])));
  }
  return points.map((params, i) => ({ id: `leg-${String(i + 1).padStart(String(points.length).length, "0")}`, params }));
}
function sample(n, k, rng) {
  const chosen = /* @__PURE__ */ new Set();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(rng() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen];
}
function draw(spec, rng, name, where) {
  if (Array.isArray(spec))
    return spec[Math.floor(rng() * spec.length)];
  const { min, max, scale = "linear", integer = false } = spec;
  if (!(max > min))
    throw new ConfigError([{ location: { file: where }, message: `parameters.${name}: max must be above min` }]);
  if (scale === "log" && min <= 0)
    throw new ConfigError([{ location: { file: where }, message: `parameters.${name}: a log scale needs min > 0` }]);
  const u = rng();
  const x = scale === "log" ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  return integer ? Math.round(x) : Number(x.toPrecision(6));
}
function sweepMatrix(legs) {
  return { include: legs.map((l) => ({ leg: l.id, params: JSON.stringify(l.params), ...l.params })) };
}

// packages/finetune/lib/internal/trial.js
import { readdir as readdir2, readFile as readFile5 } from "node:fs/promises";
import path7 from "node:path";
var TRIAL_SCHEMA = "slipway.fine-tune.trial/v1";
var TRIAL_SUFFIX = ".trial.json";
async function readTrials(dir, shown = dir) {
  let entries;
  try {
    entries = (await readdir2(dir, { recursive: true })).filter((f) => f.endsWith(TRIAL_SUFFIX)).sort();
  } catch {
    throw new ConfigError([{ location: { file: shown }, message: "no such folder of trial results" }]);
  }
  const trials = [];
  for (const rel of entries) {
    const file = path7.join(dir, rel);
    let t;
    try {
      t = JSON.parse(await readFile5(file, "utf8"));
    } catch (error) {
      throw new ConfigError([{ location: { file: path7.join(shown, rel) }, message: `not JSON: ${error.message.split("\n")[0]}` }]);
    }
    if (t.schema !== TRIAL_SCHEMA || typeof t.leg !== "string" || !t.eval) {
      throw new ConfigError([{ location: { file: path7.join(shown, rel) }, message: `not a trial record (expected "schema": "${TRIAL_SCHEMA}")` }]);
    }
    trials.push(t);
  }
  return trials;
}

// packages/finetune/lib/internal/steps.js
var MAX_PROBLEMS = 50;
async function checkStep(rt, r, split = true) {
  const c = r.train.checks ?? {};
  const report = await checkData({
    train: r.data,
    eval: r.evalData,
    cwd: r.root,
    ...r.train.format ? { format: r.train.format } : {},
    ...r.train.baseModel ? { model: r.train.baseModel } : {},
    ...r.train.epochs ? { epochs: r.train.epochs } : {},
    ...c.pricePerMillion ? { pricePerMillion: c.pricePerMillion } : {},
    ...c.nearDuplicateThreshold ? { nearDuplicateThreshold: c.nearDuplicateThreshold } : {},
    ...c.maxDuplicateRate !== void 0 ? { maxDuplicateRate: c.maxDuplicateRate } : {},
    ...c.pii ? { pii: c.pii } : {},
    ...c.maxTokensPerExample ? { maxTokensPerExample: c.maxTokensPerExample } : {},
    ...split && c.validationSplit ? { split: { validation: c.validationSplit, outDir: path8.relative(r.root, path8.join(r.outDir, "split")) } } : {}
  });
  await rt.appendSummary(dataReportMarkdown(report));
  rt.setOutput("data-digest", report.digest);
  rt.setOutput("examples", report.examples.train);
  rt.setOutput("tokens", report.tokens.total);
  if (report.cost)
    rt.setOutput("cost-usd", report.cost.usd.toFixed(4));
  for (const p of report.problems.filter((x) => x.severity === "warning").slice(0, 10))
    rt.annotate({ level: "warning", title: `data: ${p.kind}`, message: p.message, ...p.location });
  rt.log.info(`data check: ${report.examples.train} training example(s), ${report.tokens.total} tokens (${report.tokens.exact ? report.tokens.encoding : "approximate"}); ${report.counts.errors} error(s), ${report.counts.warnings} warning(s)`);
  if (!report.ok) {
    const errors = report.problems.filter((p) => p.severity === "error");
    const problems = errors.slice(0, MAX_PROBLEMS).map((p) => ({ location: p.location, message: `${p.kind}: ${p.message}` }));
    if (errors.length > MAX_PROBLEMS)
      problems.push({ location: { file: errors[0]?.location.file ?? "" }, message: `\u2026and ${errors.length - MAX_PROBLEMS} more data errors` });
    throw new ConfigError(problems);
  }
  return report;
}
async function trainingFiles(r, report) {
  if (report.split)
    return { train: path8.resolve(r.root, report.split.train), validation: path8.resolve(r.root, report.split.validation) };
  if (r.data.length === 1)
    return { train: path8.resolve(r.root, r.data[0]) };
  const joined = path8.join(r.outDir, "data", "train.jsonl");
  const texts = await Promise.all(r.data.map((f) => readFile6(path8.resolve(r.root, f), "utf8")));
  await writeAtomic(joined, texts.map((t) => t.endsWith("\n") ? t : `${t}
`).join(""));
  return { train: joined };
}
async function trainStep(rt, r, leg, opts = {}) {
  const report = opts.report ?? await checkStep(rt, r);
  const legId = leg?.id ?? r.options.leg ?? "run";
  const params = { ...r.train.params ?? {}, ...leg?.params ?? r.options.params ?? {} };
  const output = opts.separateOutput ? `${r.output}-${legId}` : r.output;
  const job = {
    name: `${r.name}-${legId}`.replace(/[^A-Za-z0-9-]/g, "-"),
    params,
    data: await trainingFiles(r, report),
    outputDir: path8.resolve(r.root, output),
    cwd: r.root
  };
  const launcher = buildLauncher(rt, r);
  const timeoutMs = r.options.timeoutMs ?? (r.train.timeout ? parseTimeout(r.train.timeout) : void 0);
  const run = runSignal({
    ...r.options.signal ? { signal: r.options.signal } : {},
    ...timeoutMs ? { timeoutMs, timeoutLabel: r.train.timeout ?? `${timeoutMs} ms` } : {}
  });
  const trialFile = path8.join(r.outDir, `${legId}${TRIAL_SUFFIX}`);
  const base = {
    schema: TRIAL_SCHEMA,
    leg: legId,
    name: r.name,
    params,
    launcher: launcher.kind,
    dataDigest: report.digest,
    createdAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  const evalBase = { metric: r.metric, goal: r.goal, metrics: {}, results: [] };
  let result;
  try {
    result = await rt.group(`train ${legId} (${launcher.kind}) ${JSON.stringify(params)}`, () => launcher.run(job, { log: rt.log, signal: run.signal, setSecret: (v) => rt.setSecret(v) }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = {
      ...base,
      status: "failed",
      error: message,
      jobId: error instanceof TrainingError ? error.jobId : "",
      model: "",
      metrics: {},
      eval: evalBase,
      durationMs: 0
    };
    await writeTrial(trialFile, failed);
    rt.setOutput("trial", path8.relative(r.root, trialFile));
    throw error;
  } finally {
    run.dispose();
  }
  const ev = r.train.evaluate ?? {};
  const evaluation = ev.command || r.suites.length > 0 && (ev.serve || launcher.kind !== "command") ? await rt.group(`evaluate ${legId}`, () => evaluateModel(rt, { ...ev, suites: r.suites }, { ...job, params: { ...params, model: result.model } }, path8.join(r.outDir, legId, "eval"))) : { metrics: {}, results: [] };
  const value = rankValue(r.metric, evaluation.metrics, result.metrics);
  const artifact = result.outputDir ? await versionWeights(rt, r, result.outputDir) : void 0;
  const trial = {
    ...base,
    status: "succeeded",
    jobId: result.jobId,
    model: result.outputDir ? path8.relative(r.root, result.outputDir) : result.model,
    metrics: result.metrics,
    eval: {
      ...evalBase,
      ...value !== void 0 ? { value } : {},
      ...evaluation.passRate !== void 0 ? { passRate: evaluation.passRate } : {},
      metrics: evaluation.metrics,
      results: evaluation.results
    },
    ...artifact ? { artifact } : {},
    durationMs: Math.round(result.durationMs)
  };
  await writeTrial(trialFile, trial);
  rt.setOutput("trial", path8.relative(r.root, trialFile));
  rt.setOutput("model", trial.model);
  rt.setOutput("job-id", trial.jobId);
  rt.setOutput("metrics", { ...trial.metrics, ...trial.eval.metrics });
  if (value !== void 0)
    rt.setOutput("metric-value", value);
  rt.log.info(`${legId}: ${r.metric} = ${value ?? "n/a"} in ${(trial.durationMs / 1e3).toFixed(1)} s`);
  return trial;
}
function parseTimeout(d) {
  const m = [...d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
  return m.reduce((s, x) => s + Number(x[1]) * unit[x[2]], 0);
}
async function writeTrial(file, trial) {
  await mkdir4(path8.dirname(file), { recursive: true });
  await writeAtomic(file, `${JSON.stringify(trial, null, 2)}
`);
}
async function versionWeights(rt, r, dir) {
  const rel = path8.relative(r.root, dir).split(path8.sep).join("/");
  if (rel.startsWith(".."))
    throw new UserError(`the model folder ${dir} is outside the repository`, { hint: "set train.output to a folder inside it" });
  const added = await addArtifacts(rt, { paths: [rel], ...r.options.configFile ? { configFile: r.options.configFile } : {} });
  const entry = added.paths[0];
  if (!entry)
    throw new Error(`addArtifacts returned nothing for ${rel}`);
  if (r.remote)
    await pushArtifacts(rt, { paths: [rel], remote: r.remote, ...r.options.configFile ? { configFile: r.options.configFile } : {} });
  else
    rt.log.warn("no artifact remote (artifacts.remote): the weights are versioned locally but not pushed");
  return { path: rel, md5: entry.md5, size: entry.size, ...entry.nfiles !== void 0 ? { nfiles: entry.nfiles } : {}, remote: r.remote ?? "" };
}
async function sweepStep(rt, r) {
  if (!r.train.sweep)
    throw new UserError("no sweep: set train.sweep in slipway.yml", { hint: "parameters with lists of values, a method and a budget" });
  const legs = planSweep(r.train.sweep);
  rt.setOutput("matrix", sweepMatrix(legs));
  rt.setOutput("legs", legs.length);
  const names = Object.keys(r.train.sweep.parameters);
  await rt.appendSummary(`### \u{1F9EA} Sweep: ${legs.length} leg(s), ${r.train.sweep.method ?? "grid"}

| leg | ${names.join(" | ")} |
| --- | ${names.map(() => "---").join(" | ")} |
${legs.map((l) => `| ${l.id} | ${names.map((n) => String(l.params[n])).join(" | ")} |`).join("\n")}
`);
  return legs;
}
async function selectStep(rt, r, trialsDir) {
  const trials = await readTrials(path8.resolve(r.root, trialsDir), trialsDir);
  if (trials.length === 0)
    throw new UserError(`no trial records (*${TRIAL_SUFFIX}) under ${trialsDir}`, { hint: "download every leg\u2019s artifact into this folder" });
  const selection = selectBest(trials, r.metric, r.goal);
  if (!selection) {
    const failed = trials.filter((t) => t.status === "failed");
    throw new GateError(`no trial produced ${r.metric}: ${failed.length} of ${trials.length} failed${failed[0]?.error ? ` (first: ${failed[0].error})` : ""}`);
  }
  await rt.appendSummary(selection.markdown);
  await writeAtomic(path8.join(r.outDir, "trials.json"), `${JSON.stringify(selection.ranked, null, 2)}
`);
  rt.setOutput("best-leg", selection.best.leg);
  rt.setOutput("best-params", selection.best.params);
  rt.setOutput("metric-value", selection.best.eval.value);
  rt.setOutput("model", selection.best.model);
  return selection;
}
async function registerStep(rt, r, trial) {
  const code = codeRevision(r.root);
  let pointer;
  const files = [];
  if (trial.artifact) {
    pointer = `${r.output}.dvc`;
    const text = formatPointer([
      {
        md5: trial.artifact.md5,
        size: trial.artifact.size,
        path: path8.basename(r.output),
        ...trial.artifact.nfiles !== void 0 ? { nfiles: trial.artifact.nfiles } : {}
      }
    ]);
    await writeAtomic(path8.resolve(r.root, pointer), text);
    files.push({ path: pointer, content: text });
    const ignore = path8.join(path8.dirname(r.output), ".gitignore");
    const current = await readFile6(path8.resolve(r.root, ignore), "utf8").catch(() => "");
    const entry2 = `/${path8.basename(r.output)}`;
    const lines = current.split(/\r?\n/);
    const next = lines.includes(entry2) ? current : `${current}${current === "" || current.endsWith("\n") ? "" : "\n"}${entry2}
`;
    if (next !== current)
      await writeAtomic(path8.resolve(r.root, ignore), next);
    files.push({ path: ignore.split(path8.sep).join("/").replace(/^\.\//, ""), content: next });
  }
  const scores = Object.fromEntries(Object.entries({ ...trial.metrics, ...trial.eval.metrics }).filter(([, v]) => Number.isFinite(v)));
  const { id: release, release: record } = sealRelease({
    schemaVersion: 1,
    git: { sha: /^[0-9a-f]{7,64}$/.test(code.sha) ? code.sha : "0".repeat(40), ref: code.ref },
    models: trial.artifact ? [
      {
        path: r.output,
        md5: trial.artifact.md5,
        size: trial.artifact.size,
        ...trial.artifact.nfiles !== void 0 ? { nfiles: trial.artifact.nfiles } : {}
      }
    ] : [],
    eval: { reportDigest: contentDigest(trial.eval), scores, passed: true },
    createdAt: (/* @__PURE__ */ new Date()).toISOString()
  });
  const releases = await releaseStore(rt, r);
  try {
    await releases.putRelease(record);
  } finally {
    await releases.close();
  }
  const registry = registryFor(rt, r);
  const stage = r.options.stage ?? r.train.registry?.stage ?? "staging";
  const newEntry = {
    name: r.name,
    stage,
    createdAt: (/* @__PURE__ */ new Date()).toISOString(),
    model: { location: trial.model, launcher: trial.launcher, jobId: trial.jobId },
    ...trial.artifact ? { artifact: trial.artifact } : {},
    metrics: scores,
    eval: { metric: trial.eval.metric, ...trial.eval.value !== void 0 ? { value: trial.eval.value } : {} },
    params: trial.params,
    dataDigest: trial.dataDigest,
    code,
    release
  };
  const registered = await registry.register(newEntry);
  const entry = { schema: "slipway.model/v1", ...newEntry, version: registered.version };
  rt.setOutput("release", release);
  rt.setOutput("registry-version", registered.version);
  if (pointer)
    rt.setOutput("pointer", pointer);
  let pullRequest;
  const wantPr = r.options.pullRequest ?? r.train.pullRequest ?? true;
  if (wantPr && files.length > 0 && process.env.GITHUB_ACTIONS === "true") {
    const token = r.options.githubToken ?? "";
    if (token)
      rt.setSecret(token);
    const ctx = await readGitHubContext(process.env, token);
    const pr = await openPointerPullRequest(ctx, {
      files,
      branch: `slipway/fine-tune/${r.name}-v${registered.version}`,
      title: `fine-tune: ${r.name} v${registered.version} (${trial.eval.metric} ${trial.eval.value?.toFixed(4) ?? "n/a"})`,
      body: `New weights for \`${r.output}\` from ${trial.launcher} run ${trial.leg}.

- registry: ${registry.kind} version ${registered.version} (${stage})
- release (draft): \`${release}\`
- data: \`${trial.dataDigest}\`
- code: \`${code.sha}\`
- ${trial.eval.metric}: ${trial.eval.value ?? "n/a"}

Merging this pull request makes these weights the ones the repository points at.`
    }, rt.log);
    if (pr) {
      pullRequest = pr.url;
      rt.setOutput("pull-request", pr.url);
    }
  }
  await rt.appendSummary(`### \u{1F4E6} Registered ${inlineCode(r.name)} v${registered.version} (${stage})

- registry: ${registry.kind} ${inlineCode(registry.display)}
- draft release: ${inlineCode(release)}
${pointer ? `- pointer: ${inlineCode(pointer)} (md5 ${inlineCode(trial.artifact?.md5 ?? "")})
` : ""}- model: ${inlineCode(trial.model)}
- data digest: ${inlineCode(trial.dataDigest)}
- code: ${inlineCode(code.sha)}
${pullRequest ? `- pull request: ${pullRequest}
` : ""}`);
  rt.log.info(`registered ${r.name} v${registered.version} (${stage}) in ${registry.display}; draft release ${release}`);
  return {
    entry,
    release,
    ...pointer ? { pointer } : {},
    ...pullRequest ? { pullRequest } : {},
    ...registered.url ? { registryUrl: registered.url } : {}
  };
}
async function releaseStore(rt, r) {
  if (r.remote)
    return openReleaseStore(rt, r.remote);
  return Object.assign(new FolderReleaseStore(r.stateDir), { close: async () => {
  } });
}
function registryFor(rt, r) {
  const cfg = r.train.registry ?? {};
  const token = r.options.registryToken ?? (cfg.tokenEnv ? process.env[cfg.tokenEnv] : void 0);
  if (token)
    rt.setSecret(token);
  switch (cfg.type ?? "store") {
    case "mlflow": {
      const url = cfg.url ?? process.env.MLFLOW_TRACKING_URI;
      if (!url)
        throw new UserError("train.registry.url is required for MLflow", { hint: "the tracking server, e.g. https://mlflow.example.com" });
      return new MlflowRegistry(url, token ?? process.env.MLFLOW_TRACKING_TOKEN);
    }
    case "huggingface": {
      const hfToken = token ?? process.env.HF_TOKEN;
      if (!cfg.repo)
        throw new UserError("train.registry.repo is required for the Hugging Face Hub", { hint: "e.g. acme/support-bot" });
      if (!hfToken)
        throw new UserError("a Hugging Face token is required", { hint: "pass registry-token or set HF_TOKEN" });
      rt.setSecret(hfToken);
      return new HubRegistry(cfg.repo, hfToken, cfg.url ?? "https://huggingface.co");
    }
    default: {
      const url = cfg.url ?? r.remote;
      if (!url)
        return new StoreRegistry(path8.join(r.root, ".slipway"));
      const spec = parseRemote(url, r.configDir, "train.registry.url", r.s3);
      if (spec.kind === "folder")
        return new StoreRegistry(spec.root);
      for (const name of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
        const value = process.env[name];
        if (value)
          rt.setSecret(value);
      }
      return new S3Registry({ bucket: spec.bucket, prefix: spec.prefix, region: spec.s3.region, endpoint: spec.s3.endpoint, pathStyle: spec.s3.pathStyle });
    }
  }
}

// packages/finetune/lib/capability.js
var FINE_TUNE_MODES = ["check", "train", "sweep", "select-best", "register"];
async function fineTune(rt, mode, options) {
  const r = await resolveFineTune(rt, options);
  switch (mode) {
    case "check":
      return { mode, data: await checkStep(rt, r) };
    case "train": {
      const trial = await trainStep(rt, r);
      const register = options.register ?? !options.leg;
      return { mode, trial, ...register ? { registration: await registerStep(rt, r, trial) } : {} };
    }
    case "sweep": {
      const legs = await sweepStep(rt, r);
      if (!options.local)
        return { mode, legs };
      const data = await checkStep(rt, r);
      const trials = [];
      for (const leg of legs) {
        try {
          trials.push(await trainStep(rt, r, leg, { separateOutput: true, report: data }));
        } catch (error) {
          if (!UserError.is(error))
            throw error;
          rt.log.warn(`${leg.id} failed: ${error.message}`);
        }
      }
      const selection = await selectStep(rt, r, path9.relative(r.root, r.outDir) || ".");
      const register = options.register ?? true;
      return { mode, data, legs, trials: selection.ranked, selection, ...register ? { registration: await registerStep(rt, r, selection.best) } : {} };
    }
    case "select-best": {
      const selection = await selectStep(rt, r, options.trials ?? (path9.relative(r.root, r.outDir) || "."));
      const register = options.register ?? true;
      return { mode, selection, trials: selection.ranked, ...register ? { registration: await registerStep(rt, r, selection.best) } : {} };
    }
    case "register": {
      if (!options.trial)
        throw new UserError("register needs a trial record", { hint: "pass --trial .slipway/fine-tune/<leg>.trial.json" });
      const file = path9.resolve(rt.cwd, options.trial);
      let trial;
      try {
        trial = JSON.parse(await readFile7(file, "utf8"));
      } catch (error) {
        throw new ConfigError([{ location: { file: options.trial }, message: `cannot read the trial record: ${error.message.split("\n")[0]}` }]);
      }
      if (trial.schema !== TRIAL_SCHEMA)
        throw new ConfigError([{ location: { file: options.trial }, message: `not a trial record (expected "schema": "${TRIAL_SCHEMA}")` }]);
      if (trial.status !== "succeeded")
        throw new UserError(`${options.trial} is a failed run (${trial.error ?? "no reason"}): nothing to register`);
      return { mode, trial, registration: await registerStep(rt, r, trial) };
    }
  }
}
function parseParams(raw) {
  if (raw === void 0 || raw.trim() === "")
    return void 0;
  let v;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new UserError(`input "params": not JSON: ${raw.slice(0, 80)}`, { hint: 'pass the matrix leg\u2019s params from the sweep output, e.g. {"lr": 0.1}' });
  }
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw new UserError('input "params": must be a JSON object', { hint: 'e.g. {"epochs": 3}' });
  for (const [k, x] of Object.entries(v)) {
    if (!["string", "number", "boolean"].includes(typeof x))
      throw new UserError(`input "params": ${k} must be a string, number or boolean`);
  }
  return v;
}

// packages/finetune/lib/inputs.js
var FINE_TUNE_INPUTS = {
  mode: { kind: "enum", values: FINE_TUNE_MODES, default: "train" },
  config: { kind: "string" },
  data: { kind: "list" },
  "eval-data": { kind: "list" },
  output: { kind: "string" },
  command: { kind: "string" },
  launcher: { kind: "enum", values: LAUNCHERS },
  "base-model": { kind: "string" },
  params: { kind: "string" },
  leg: { kind: "string", pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, patternHint: "letters, digits, . _ -" },
  trials: { kind: "string" },
  trial: { kind: "string" },
  "out-dir": { kind: "string" },
  remote: { kind: "string", pattern: /^(file|s3):\/\/.+/, patternHint: "use file://path or s3://bucket/prefix" },
  register: { kind: "boolean" },
  stage: { kind: "string", pattern: /^[A-Za-z][A-Za-z0-9_-]*$/, patternHint: "a stage name such as staging" },
  "pull-request": { kind: "boolean" },
  timeout: { kind: "duration", min: 1e3 },
  "github-token": { kind: "secret" },
  "openai-api-key": { kind: "secret" },
  "kubernetes-token": { kind: "secret" },
  "registry-token": { kind: "secret" }
};
function readFineTuneInputs(rt) {
  const i = readInputs(rt, FINE_TUNE_INPUTS);
  const params = parseParams(i.params);
  const options = {
    ...i.config ? { configFile: i.config } : {},
    ...i.data?.length ? { data: i.data } : {},
    ...i["eval-data"]?.length ? { evalData: i["eval-data"] } : {},
    ...i.output ? { output: i.output } : {},
    ...i.command ? { command: i.command } : {},
    ...i.launcher ? { launcher: i.launcher } : {},
    ...i["base-model"] ? { baseModel: i["base-model"] } : {},
    ...params ? { params } : {},
    ...i.leg ? { leg: i.leg } : {},
    ...i.trials ? { trials: i.trials } : {},
    ...i.trial ? { trial: i.trial } : {},
    ...i["out-dir"] ? { outDir: i["out-dir"] } : {},
    ...i.remote ? { remote: i.remote } : {},
    ...i.register !== void 0 ? { register: i.register } : {},
    ...i.stage ? { stage: i.stage } : {},
    ...i["pull-request"] !== void 0 ? { pullRequest: i["pull-request"] } : {},
    ...i.timeout ? { timeoutMs: i.timeout } : {},
    ...i["github-token"] ? { githubToken: i["github-token"] } : {},
    ...i["openai-api-key"] ? { openaiApiKey: i["openai-api-key"] } : {},
    ...i["kubernetes-token"] ? { kubernetesToken: i["kubernetes-token"] } : {},
    ...i["registry-token"] ? { registryToken: i["registry-token"] } : {}
  };
  return { mode: i.mode, options };
}
export {
  CommandLauncher,
  DATA_FORMATS,
  FINE_TUNE_INPUTS,
  FINE_TUNE_MODES,
  HubRegistry,
  KubernetesLauncher,
  LAUNCHERS,
  MATRIX_LIMIT,
  MinHasher,
  MlflowRegistry,
  NearDuplicateIndex,
  OpenAILauncher,
  S3Registry,
  SageMakerLauncher,
  StoreRegistry,
  TRIAL_SCHEMA,
  TrainingError,
  checkData,
  dataReportMarkdown,
  encodingFor,
  evaluateModel,
  exampleTokens,
  findPii,
  findSecrets,
  fineTune,
  jaccard,
  metricsFromLine,
  modelCard,
  normalizeText,
  openPointerPullRequest,
  parseJsonl,
  parseParams,
  planSweep,
  readFineTuneInputs,
  readTrials,
  renderCommand,
  selectBest,
  shellQuote,
  shingleSet,
  shingles,
  splitSide,
  sweepMatrix,
  tokenCounter,
  trainingManifest,
  trainingPrice
};
