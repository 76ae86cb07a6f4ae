import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  tokenF1
} from "./chunk-FL5CXB3E.js";
import "./chunk-GQTYVFXW.js";
import "./chunk-BU3NVWCM.js";
import "./chunk-KF4PDUCQ.js";
import "./chunk-KLXUE6LA.js";
import "./chunk-HHQKCUDB.js";
import "./chunk-YV4XVOQ2.js";
import "./chunk-FZWWJKAS.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-EAOUHZ3V.js";
import "./chunk-LUQ2JWWH.js";
import {
  GateError,
  escapeMarkdown,
  inlineCode,
  mapLimit,
  markdownTable,
  spawnService
} from "./chunk-66CZKWGL.js";
import "./chunk-I2UBCO3D.js";

// packages/cli/src/demo/run-demo.ts
import { mkdir as mkdir4, rm, writeFile as writeFile4 } from "node:fs/promises";
import path10 from "node:path";

// packages/cli/src/demo/stages-artifacts.ts
import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
var artifactsStage = {
  name: "artifacts",
  phase: "Version control",
  async run(ctx) {
    const { addArtifacts, pullArtifacts, pushArtifacts, formatBytes } = await import("./lib-FW6PI5AF.js");
    const versions = ["v1", "v2"].map((name) => {
      const dir = ctx.state.get(`model:${name}`);
      if (typeof dir !== "string") throw new Error(`the train stage left no model folder for ${name}`);
      return { name, rel: path.relative(ctx.workDir, dir).split(path.sep).join("/") };
    });
    const remote = `file://${path.join(ctx.workDir, "artifact-remote")}`;
    const repo = Object.create(ctx.rt, { cwd: { value: ctx.workDir } });
    const added = await addArtifacts(repo, { paths: versions.map((v) => v.rel) });
    const pushed = await pushArtifacts(repo, { remote });
    const clone = path.join(ctx.workDir, "clean-checkout");
    for (const v of versions) {
      await mkdir(path.dirname(path.join(clone, `${v.rel}.dvc`)), { recursive: true });
      await copyFile(path.join(ctx.workDir, `${v.rel}.dvc`), path.join(clone, `${v.rel}.dvc`));
    }
    const cloneRt = Object.create(ctx.rt, { cwd: { value: clone } });
    const pulled = await pullArtifacts(cloneRt, { remote });
    const rows = [];
    for (const v of versions) {
      const original = await digestTree(path.join(ctx.workDir, v.rel));
      const restored = await digestTree(path.join(clone, v.rel));
      const same = JSON.stringify(original) === JSON.stringify(restored);
      if (!same) throw new Error(`${v.name}: the pulled folder differs from the pushed one`);
      const entry = added.paths.find((p) => p.path === v.rel);
      ctx.state.set(`artifact:${v.name}`, { path: v.rel, md5: entry?.md5, size: entry?.size });
      rows.push([
        v.name,
        inlineCode(`${v.rel}.dvc`),
        String(entry?.nfiles ?? 0),
        formatBytes(entry?.size ?? 0),
        inlineCode(entry?.md5 ?? ""),
        same ? "identical" : "DIFFERENT"
      ]);
    }
    const again = await pullArtifacts(cloneRt, { remote });
    ctx.rt.log.info(
      `pushed ${pushed.uploaded.objects} objects, pulled ${pulled.downloaded.objects} into a clean checkout; a second pull fetched ${again.downloaded.objects}`
    );
    return {
      headline: `v1 and v2 weights pushed (${pushed.uploaded.objects} objects, ${formatBytes(pushed.uploaded.bytes)}) and pulled back byte-identical`,
      body: `${markdownTable(["version", "pointer", "files", "size", "md5", "clean checkout"], rows)}

Remote: ${inlineCode(remote)} in the DVC 3 layout (\`files/md5/xx/\u2026\`). Pushed ${pushed.uploaded.objects} objects; the clean checkout pulled ${pulled.downloaded.objects} and verified each MD5; a second pull found everything in place (${again.downloaded.objects} downloads).`
    };
  }
};
async function digestTree(dir) {
  const out = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out[path.relative(dir, abs)] = createHash("md5").update(await readFile(abs)).digest("hex");
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

// packages/cli/src/demo/stages-build.ts
import path2 from "node:path";
var buildStage = {
  name: "build image",
  phase: "Containerization",
  async run(ctx) {
    const { buildImage, fmtBytes } = await import("./lib-DOCFIKTV.js");
    const model = ctx.state.get("model:v2");
    if (typeof model !== "string") throw new Error("the train stage did not leave a v2 model (state model:v2)");
    const layout = path2.join(ctx.outDir, "image");
    const options = {
      engine: "assemble",
      layout,
      tags: ["support-bot-v2"],
      base: "scratch",
      app: [
        { source: path2.join(ctx.exampleDir, "src"), dest: "/app/src" },
        { source: path2.join(ctx.exampleDir, "scripts/serve.mjs"), dest: "/app/scripts/serve.mjs" },
        { source: path2.join(ctx.exampleDir, "package.json"), dest: "/app/package.json" }
      ],
      weights: [{ source: model, dest: "/models/support-bot-v2" }],
      entrypoint: ["node", "/app/scripts/serve.mjs"],
      cmd: ["--model", "/models/support-bot-v2", "--port", "8080", "--model-name", "support-bot-v2"],
      ports: ["8080"],
      workdir: "/app",
      labels: { "org.opencontainers.image.title": "support-bot" },
      cacheFile: path2.join(ctx.workDir, "oci-layers.json"),
      created: "2026-01-01T00:00:00Z",
      processEnv: { GITHUB_REPOSITORY: "acme/support-bot", GITHUB_SERVER_URL: "https://github.com", GITHUB_SHA: "0000000000000000000000000000000000000000" }
    };
    const registry = process.env.SLIPWAY_DEMO_REGISTRY?.trim();
    const pushTo = registry ? { image: `${registry}/acme/support-bot`, attest: true } : {};
    const first = await buildImage(ctx.rt, { ...options, ...pushTo });
    const second = await buildImage(ctx.rt, { ...options, ...pushTo });
    if (second.digest !== first.digest) throw new Error(`two builds from the same inputs gave ${first.digest} and ${second.digest}`);
    const reread = second.layers.filter((l) => l.kind === "weight" && l.read).length;
    ctx.state.set("image:v2", { layout, digest: first.digest, tag: "support-bot-v2", ...registry ? { image: first.image } : {} });
    const pushed = registry ? `

Pushed to the local registry as \`${escapeMarkdown(first.image)}\`: ${fmtBytes(first.bytes.uploaded)} uploaded on the first build, ${fmtBytes(second.bytes.uploaded)} on the second (every layer was already there); SBOM and provenance under the \`sha256-\u2026\` tag.` : "\n\nSet `SLIPWAY_DEMO_REGISTRY=host:port` to push it to a local registry too.";
    const weights = first.layers.filter((l) => l.kind === "weight");
    const table = markdownTable(
      ["layer", "path in image", "digest", "size"],
      first.layers.map((l) => [l.kind, escapeMarkdown(l.name), `\`${l.digest.slice(0, 19)}\``, fmtBytes(l.size)]),
      ["left", "left", "left", "right"]
    );
    return {
      headline: `OCI image ${first.digest.slice(0, 19)}: app + ${weights.length} weight layers; rebuilt to the same digest with ${reread} weights re-read`,
      body: `Assembled without a daemon into the OCI layout \`${escapeMarkdown(path2.relative(ctx.outDir, layout))}\` (tag \`support-bot-v2\`): read it with \`skopeo inspect oci:${escapeMarkdown(path2.relative(process.cwd(), layout))}:support-bot-v2\`.

${table}

Second build: digest ${second.digest === first.digest ? "identical" : "different"}, ${fmtBytes(second.bytes.read)} read from disk (the app layer only; weight digests came from the cache).${pushed}`
    };
  }
};

// packages/cli/src/demo/stages-canary.ts
import { createHash as createHash2 } from "node:crypto";
import { readFile as readFile2 } from "node:fs/promises";
import path3 from "node:path";

// packages/cli/src/demo/support-bot.ts
import { spawn } from "node:child_process";
function runScript(exampleDir, script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`scripts/${script}`, ...args], { cwd: exampleDir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => {
      out += c.toString();
    });
    child.stderr.on("data", (c) => {
      out += c.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => code === 0 ? resolve(out) : reject(new Error(`${script} ${args.join(" ")} exited with ${code}:
${out.slice(-2e3)}`)));
  });
}
function serveModel(exampleDir, modelDir, modelName) {
  return spawnService(process.execPath, ["scripts/serve.mjs", "--model", modelDir, "--port", "0", "--model-name", modelName], {
    cwd: exampleDir,
    ready: /listening on (http:\/\/\S+)/,
    name: `support-bot ${modelName}`
  });
}
async function ask(baseUrl, model, question, stream = false) {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model, stream, ...stream ? { stream_options: { include_usage: true } } : {}, messages: [{ role: "user", content: question }] })
  });
  if (!res.ok) throw new Error(`${model} answered ${res.status}: ${await res.text()}`);
  if (!stream) {
    const body = await res.json();
    return { content: body.choices[0]?.message.content ?? "", latencyMs: performance.now() - started, completionTokens: body.usage?.completion_tokens ?? 0 };
  }
  let content = "";
  let completionTokens = 0;
  for (const line of (await res.text()).split("\n")) {
    if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
    const chunk = JSON.parse(line.slice(6));
    content += chunk.choices[0]?.delta.content ?? "";
    if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
  }
  return { content, latencyMs: performance.now() - started, completionTokens };
}

// packages/cli/src/demo/traffic.ts
import { randomBytes } from "node:crypto";
function userTraffic(url, questions, options = {}) {
  let stop = false;
  let sent = 0;
  const worker = async (w) => {
    for (let i = w; !stop && sent < 2e4; i += 4) {
      sent++;
      const q = questions[i % questions.length];
      await fetch(`${url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-user-id": `user-${i % 200}` },
        body: JSON.stringify({ model: "support-bot", messages: q.messages })
      }).then((r) => r.arrayBuffer()).catch(() => void 0);
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  const done = Promise.all([0, 1, 2, 3].map(worker));
  const deadline = setTimeout(() => {
    stop = true;
  }, 6e4);
  return {
    /** Stops the users and resolves to how many requests they sent. */
    async stop() {
      stop = true;
      clearTimeout(deadline);
      await done;
      return sent;
    }
  };
}
async function startDemoGateway(ctx, config) {
  const { GatewayAdminClient, gatewayConfigSchema, startGateway } = await import("./lib-OJIVE3BM.js");
  const token = randomBytes(24).toString("hex");
  ctx.rt.setSecret(token);
  const gw = await startGateway({
    config: gatewayConfigSchema.parse({ version: 1, accessLog: "off", ...config }),
    log: { ...ctx.rt.log, info: () => {
    }, debug: () => {
    } },
    env: { SLIPWAY_GATEWAY_ADMIN_TOKEN: token },
    listen: { host: "127.0.0.1", port: 0 },
    adminListen: { host: "127.0.0.1", port: 0 }
  });
  ctx.onCleanup(() => gw.stop());
  return { gw, token, admin: new GatewayAdminClient(gw.adminUrl, token, "slipway-demo") };
}

// packages/cli/src/demo/stages-canary.ts
var STRATEGY = {
  steps: [{ setWeight: 10 }, { analysis: { duration: "4s", interval: "500ms" } }, { setWeight: 50 }, { analysis: { duration: "3s", interval: "500ms" } }],
  metrics: [
    { name: "error-rate", test: "proportion", minSample: 30 },
    // v2 searches twice the training data, so it really is slower (about 2x at well under a millisecond):
    // the team accepts that, but not a p95 above 250 ms.
    { name: "latency", test: "distribution", tolerance: 4, max: 250, stat: "p95", minSample: 30 },
    { name: "eval-score", test: "paired", direction: "higher-is-better", tolerance: 0.05, minSample: 16 }
  ],
  alpha: 0.01
};
var canaryStage = {
  name: "canary",
  phase: "Continuous deployment",
  async run(ctx) {
    const { FolderRolloutStore, GatewayRouter, GatewayStatsSource, OnlineEvalSource, combineSources, rolloutMarkdown, runCanary } = await import("./lib-XWG4XQIP.js");
    const { gatewayConfigSchema } = await import("./lib-OJIVE3BM.js");
    const { FolderReleaseStore, sealRelease } = await import("./lib-QNTN4MXJ.js");
    const v3Dir = path3.join(ctx.workDir, "models", "v3");
    await runScript(ctx.exampleDir, "train.mjs", ["--data", "data/train.jsonl", "--out", v3Dir, "--corrupt", "shuffle", "--seed", "1"]);
    const v3 = await serveModel(ctx.exampleDir, v3Dir, "support-bot-v3");
    ctx.onCleanup(() => v3.stop());
    const tuned = ctx.state.get("finetune:model");
    const v2Label = typeof tuned === "string" ? "v2 (fine-tuned, registered)" : "v2 (twice the training data)";
    const urls = { v1: ctx.state.get("url:v1"), v2: ctx.state.get("url:v2"), v3: v3.url };
    const config = (stable, canary) => gatewayConfigSchema.parse({
      version: 1,
      accessLog: "off",
      backends: {
        stable: { url: `${urls[stable]}/v1`, models: { "support-bot": `support-bot-${stable}` } },
        canary: { url: `${urls[canary]}/v1`, models: { "support-bot": `support-bot-${canary}` } }
      },
      routes: [{ name: "support-bot", weights: { stable: 1e4, canary: 0 }, sticky: ["header:x-user-id"] }]
    });
    const { gw, admin } = await startDemoGateway(ctx, config("v1", "v2"));
    const cases = (await readFile2(path3.join(ctx.exampleDir, "data/eval.jsonl"), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const stateDir = path3.join(ctx.workDir, "state");
    const history = new FolderReleaseStore(stateDir);
    const store = new FolderRolloutStore(stateDir);
    const rollout = async (version) => {
      const registered = version === "v2" ? ctx.state.get("finetune:release") : void 0;
      const releaseId = typeof registered === "string" ? registered : await releaseOf(version, version === "v3" ? v3Dir : ctx.state.get(`model:${version}`), sealRelease);
      const load = userTraffic(gw.url, cases);
      try {
        return await runCanary({
          environment: "production",
          releaseId,
          strategy: STRATEGY,
          router: new GatewayRouter(admin, { route: "support-bot" }),
          source: combineSources(new GatewayStatsSource(admin), new OnlineEvalSource({ baseUrl: gw.url, cases, perLook: 8, model: "support-bot" })),
          store,
          history,
          log: ctx.rt.log
        });
      } finally {
        ctx.rt.log.info(`${version}: ${await load.stop()} user requests during the rollout`);
      }
    };
    const good = await rollout("v2");
    if (good.result !== "promoted")
      throw new Error(`v2 should have been promoted, but the rollout ended ${good.result}: ${good.state.decisions.at(-1)?.reason}`);
    await gw.reload(config("v2", "v3"), "slipway-demo");
    const bad = await rollout("v3");
    if (bad.result !== "rolled-back") throw new Error(`v3 should have been rolled back, but the rollout ended ${bad.result}`);
    const weights = (await admin.routes()).routes[0]?.weights;
    const fail = bad.state.decisions.find((d) => d.outcome === "fail");
    const outcomes = (await history.history("production")).map((h) => h.outcome).join(" \u2192 ");
    return {
      headline: `${v2Label} promoted 10% \u2192 50% \u2192 100%; v3 (shuffled training data) rolled back at ${fail?.weight ?? 10}% after ${secondsBetween(bad.state.startedAt, fail?.at)} s`,
      body: `${rolloutMarkdown(good.state, `${v2Label} replaces v1`)}
${rolloutMarkdown(bad.state, "v3 (trained on shuffled answers) tries to replace v2")}
Gateway weights afterwards: \`${JSON.stringify(weights)}\`. Release history of production: ${outcomes}.
`,
      prComment: `### Canary

- v2: **${good.result}**
- v3: **${bad.result}** \u2014 ${fail?.metrics?.filter((m) => m.outcome === "fail").map((m) => `${m.name}: ${m.reason}`).join("; ") ?? ""}`
    };
  }
};
async function releaseOf(version, modelDir, seal) {
  const weights = await readFile2(path3.join(modelDir, "weights.bin"));
  const answers = await readFile2(path3.join(modelDir, "answers.json"));
  const md5 = createHash2("md5").update(weights).update(answers).digest("hex");
  const sha = createHash2("sha1").update(`${version}:${md5}`).digest("hex");
  return seal({
    schemaVersion: 1,
    git: { sha, ref: `refs/tags/support-bot-${version}` },
    models: [{ path: "model", md5, size: weights.length + answers.length }],
    createdAt: "2026-11-27T00:00:00Z"
  }).id;
}
function secondsBetween(a, b) {
  return b ? ((Date.parse(b) - Date.parse(a)) / 1e3).toFixed(1) : "?";
}

// packages/cli/src/demo/stages-eval.ts
import { copyFile as copyFile2 } from "node:fs/promises";
import path4 from "node:path";
var evalStage = {
  name: "eval",
  phase: "Automated testing",
  async run(ctx) {
    const { evaluate, mergeShards, parseShard } = await import("./lib-OUCXTYAA.js");
    const suite = path4.join(ctx.exampleDir, "evals/support.yaml");
    const urls = { v1: ctx.state.get("url:v1"), v2: ctx.state.get("url:v2") };
    if (typeof urls.v1 !== "string" || typeof urls.v2 !== "string") throw new Error("the eval stage needs the serve stage (url:v1 and url:v2)");
    const common = { suites: [suite], concurrency: 8, cacheMode: "off", env: { ...process.env } };
    const base = await evaluate(ctx.rt, { ...common, outDir: path4.join(ctx.workDir, "eval-v1"), env: { ...common.env, SUPPORT_BOT_URL: urls.v1 } });
    const baseline = base.suites[0]?.files.results;
    if (!baseline) throw new Error("the v1 run wrote no results");
    const v2 = { ...common.env, SUPPORT_BOT_URL: urls.v2 };
    const shards = await Promise.all(
      ["1/2", "2/2"].map(
        (shard, i) => evaluate(ctx.rt, { ...common, shard: parseShard(shard), outDir: path4.join(ctx.workDir, `eval-shard-${i + 1}`), env: v2 })
      )
    );
    const shardFiles = shards.map((r) => r.suites[0]?.files.results).filter((f) => typeof f === "string");
    if (shardFiles.length !== 2) throw new Error("an eval shard wrote no results");
    const { suites: _suites, ...mergeOptions } = common;
    const head = await mergeShards(ctx.rt, shardFiles, {
      ...mergeOptions,
      outDir: path4.join(ctx.outDir, "eval"),
      baseline,
      env: v2,
      reportUrl: "eval/support.html"
    });
    const outcome = head.suites[0];
    const html = path4.join(ctx.outDir, "eval-report.html");
    if (outcome) await copyFile2(outcome.files.html, html);
    const c = outcome?.comparison;
    const rows = (c?.metrics ?? []).map((m) => [
      escapeMarkdown(m.name),
      m.base.toFixed(3),
      m.head.toFixed(3),
      m.diff.toFixed(3),
      m.p < 1e-3 ? "<0.001" : m.p.toFixed(3)
    ]);
    const counts = c ? `${c.counts["newly-failing"]} newly failing, ${c.counts["newly-passing"]} newly passing, ${c.counts.unchanged} unchanged` : "";
    ctx.state.set("eval:verdict", head.verdict);
    return {
      headline: `v2 vs v1 (2 shards merged): gate ${head.verdict === "pass" ? "passed" : "failed"}; pass rate ${(base.passRate * 100).toFixed(1)}% \u2192 ${(head.passRate * 100).toFixed(1)}% (${counts})`,
      body: `${markdownTable(["metric", "v1", "v2", "change", "p"], rows)}

${head.reasons.map((r) => `- ${escapeMarkdown(r)}`).join("\n")}

HTML report: \`eval-report.html\`; results, JUnit and Markdown in \`eval/\`.`,
      prComment: head.markdown.replace("<!-- slipway:eval -->\n", "")
    };
  }
};

// packages/cli/src/demo/stages-finetune.ts
import { copyFile as copyFile3, mkdir as mkdir2, readFile as readFile3, writeFile } from "node:fs/promises";
import path5 from "node:path";
var finetuneStage = {
  name: "fine-tune",
  phase: "Training & fine-tuning",
  async run(ctx) {
    const { fineTune } = await import("./lib-QPE46YD2.js");
    const repo = path5.join(ctx.workDir, "fine-tune");
    await mkdir2(path5.join(repo, "data"), { recursive: true });
    await mkdir2(path5.join(repo, "evals"), { recursive: true });
    const lines = (await readFile3(path5.join(ctx.exampleDir, "data/train.jsonl"), "utf8")).split("\n").filter(Boolean);
    const half = Math.floor(lines.length / 2);
    await writeFile(path5.join(repo, "data/seen.jsonl"), `${lines.slice(0, half).join("\n")}
`);
    await writeFile(path5.join(repo, "data/recent.jsonl"), `${lines.slice(half).join("\n")}
`);
    await copyFile3(path5.join(ctx.exampleDir, "data/eval.jsonl"), path5.join(repo, "data/eval.jsonl"));
    await copyFile3(path5.join(ctx.exampleDir, "evals/support.yaml"), path5.join(repo, "evals/support.yaml"));
    const scripts = path5.join(ctx.exampleDir, "scripts");
    await writeFile(
      path5.join(repo, "slipway.yml"),
      `version: 1
artifacts:
  remote: file://${path5.join(ctx.workDir, "artifact-remote")}
eval:
  suites: [evals/support.yaml]
train:
  name: support-bot
  data: [data/seen.jsonl, data/recent.jsonl]
  evalData: [data/eval.jsonl]
  output: model
  command: node ${scripts}/train.mjs --data {train} --out {output} --dims {dims}
  evaluate:
    serve: node ${scripts}/serve.mjs --model {output} --port 0 --model-name support-bot
    urlEnv: SUPPORT_BOT_URL
    metric: pass-rate
  sweep:
    method: grid
    parameters:
      dims: [256, 1024, 2048, 4096]
  registry:
    stage: staging
`
    );
    const quiet = { ...ctx.rt.log, info: () => {
    }, debug: () => {
    } };
    const rt = Object.create(ctx.rt, {
      cwd: { value: repo },
      log: { value: quiet },
      appendSummary: { value: async () => {
      } },
      annotate: { value: () => {
      } },
      setOutput: { value: () => {
      } },
      group: { value: (_name, fn) => fn() },
      progress: { value: () => ({ tick() {
      }, setTotal() {
      }, done() {
      } }) }
    });
    const result = await fineTune(rt, "sweep", { local: true });
    const { selection, registration, data } = result;
    if (!selection || !registration || !data) throw new Error("the sweep selected or registered nothing");
    const best = selection.best;
    ctx.state.set("finetune:model", path5.resolve(repo, best.model));
    ctx.state.set("finetune:release", registration.release);
    ctx.state.set("finetune:registry", registration.entry);
    const served = await serveModel(ctx.exampleDir, path5.resolve(repo, best.model), "support-bot-v2");
    ctx.onCleanup(() => served.stop());
    ctx.state.set("url:v2", served.url);
    ctx.state.set("model:v2", path5.resolve(repo, best.model));
    ctx.rt.log.info(
      `fine-tune: ${selection.ranked.length} legs, best ${best.leg} (dims ${best.params.dims}) pass rate ${best.eval.value?.toFixed(3)}; registered v${registration.entry.version}`
    );
    const { dataReportMarkdown } = await import("./lib-QPE46YD2.js");
    return {
      headline: `4-point sweep on ${data.examples.train} examples (${half} new); best dims=${String(best.params.dims)} at pass rate ${((best.eval.value ?? 0) * 100).toFixed(1)}%, registered support-bot v${registration.entry.version} (${registration.entry.stage})`,
      body: `${dataReportMarkdown(data)}
${selection.markdown}
Registered in the store's registry as ${inlineCode(`support-bot v${registration.entry.version}`)} (stage ${registration.entry.stage}), weights ${inlineCode(`${registration.pointer ?? ""}`)} pushed to the artifact store, draft release ${inlineCode(registration.release)}. The staging and canary stages roll this model out.
`,
      prComment: `### Fine-tune

Sweep of ${selection.ranked.length} legs; best ${inlineCode(best.leg)} (dims ${String(best.params.dims)}), pass rate ${((best.eval.value ?? 0) * 100).toFixed(1)}%. Registered support-bot v${registration.entry.version}.`
    };
  }
};

// packages/cli/src/demo/stages-gateway.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { readFile as readFile4 } from "node:fs/promises";
import path6 from "node:path";
var USERS = 100;
var gatewayStage = {
  name: "gateway",
  phase: "Continuous deployment",
  async run(ctx) {
    const { GatewayAdminClient, gatewayConfigSchema, startGateway } = await import("./lib-OJIVE3BM.js");
    const v1 = ctx.state.get("url:v1");
    const v2 = ctx.state.get("url:v2");
    const token = randomBytes2(24).toString("hex");
    ctx.rt.setSecret(token);
    const config = gatewayConfigSchema.parse({
      version: 1,
      accessLog: "off",
      backends: {
        stable: { url: `${v1}/v1`, models: { "support-bot": "support-bot-v1" } },
        canary: { url: `${v2}/v1`, models: { "support-bot": "support-bot-v2" } }
      },
      routes: [{ name: "support-bot", weights: { stable: 9e3, canary: 1e3 }, sticky: ["header:x-user-id"], fallback: { canary: "stable" } }]
    });
    const gw = await startGateway({
      config,
      log: ctx.rt.log,
      env: { SLIPWAY_GATEWAY_ADMIN_TOKEN: token },
      listen: { host: "127.0.0.1", port: 0 },
      adminListen: { host: "127.0.0.1", port: 0 }
    });
    ctx.onCleanup(() => gw.stop());
    ctx.state.set("url:gateway", gw.url);
    ctx.state.set("url:gateway-admin", gw.adminUrl);
    ctx.rt.log.info(`gateway at ${gw.url}, admin at ${gw.adminUrl}`);
    const admin = new GatewayAdminClient(gw.adminUrl, token, "slipway-demo");
    const questions = (await readFile4(path6.join(ctx.exampleDir, "data/eval.jsonl"), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l).messages.findLast((m) => m.role === "user")?.content ?? "");
    const send = async (label) => {
      const progress = ctx.rt.progress(label, questions.length);
      const seen = /* @__PURE__ */ new Map();
      await mapLimit(
        questions.map((q, i) => ({ q, user: `user-${i % USERS}` })),
        8,
        async ({ q, user }) => {
          const res = await fetch(`${gw.url}/chat/completions`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-user-id": user },
            body: JSON.stringify({ model: "support-bot", messages: [{ role: "user", content: q }] })
          });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`the gateway answered ${res.status} for ${user}`);
          const variant = res.headers.get("x-slipway-variant") ?? "?";
          const before = seen.get(user);
          if (before !== void 0 && before !== variant) throw new Error(`${user} was sent to ${before} and then to ${variant}: sticky routing broke`);
          seen.set(user, variant);
          progress.tick();
        }
      );
      progress.done();
      return seen;
    };
    const at10 = await send("asking through the gateway at 10% canary");
    const split10 = await admin.stats(300);
    const change = await admin.setWeights("support-bot", { stable: 5e3, canary: 5e3 });
    const at50 = await send("asking again at 50% canary");
    const split50 = await admin.stats(300);
    let moved = 0;
    let movedBack = 0;
    for (const [user, before] of at10) {
      const after = at50.get(user);
      if (after !== before) moved++;
      if (before === "canary" && after !== "canary") movedBack++;
    }
    if (movedBack > 0) throw new Error(`${movedBack} users moved off the canary when its weight went up`);
    const users = (m, v) => [...m.values()].filter((x) => x === v).length;
    const row = (step, m, s, v, prev) => {
      const now = s.variants[v];
      const earlier = prev?.variants[v];
      const requests = (now?.requests ?? 0) - (earlier?.requests ?? 0);
      return [
        step,
        v,
        String(users(m, v)),
        String(requests),
        now?.latencyMs ? `${now.latencyMs.p50.toFixed(1)} / ${now.latencyMs.p95.toFixed(1)} ms` : "-",
        `${((now?.errorRate ?? 0) * 100).toFixed(1)}%`
      ];
    };
    const table = markdownTable(
      ["step", "variant", "users", "requests", "latency p50 / p95 (cumulative)", "error rate"],
      [
        row("canary 10%", at10, split10, "stable"),
        row("canary 10%", at10, split10, "canary"),
        row("canary 50%", at50, split50, "stable", split10),
        row("canary 50%", at50, split50, "canary", split10)
      ],
      ["left", "left", "right", "right", "right", "right"]
    );
    const headline = `${questions.length * 2} requests through the gateway; canary 10% -> 50%: ${users(at10, "canary")} -> ${users(at50, "canary")} of ${USERS} users, ${moved} moved, 0 moved back`;
    return {
      headline,
      body: `${table}

Weight change by ${escapeMarkdown(change.change.actor)} (config v${change.version}): ${escapeMarkdown(change.change.summary)}. Users are sticky by the \`x-user-id\` header; ${moved} users moved onto the canary and none moved back.`,
      prComment: `### Gateway: canary split

${table}`
    };
  }
};

// packages/cli/src/demo/stages-model.ts
import { readFile as readFile5, writeFile as writeFile2 } from "node:fs/promises";
import path7 from "node:path";
var trainStage = {
  name: "train",
  phase: "Training & fine-tuning",
  async run(ctx) {
    const lines = (await readFile5(path7.join(ctx.exampleDir, "data/train.jsonl"), "utf8")).split("\n").filter(Boolean);
    const half = path7.join(ctx.workDir, "train-v1.jsonl");
    await writeFile2(half, `${lines.slice(0, Math.floor(lines.length / 2)).join("\n")}
`);
    const versions = [
      { name: "v1", data: half, rows: Math.floor(lines.length / 2) },
      { name: "v2", data: path7.join(ctx.exampleDir, "data/train.jsonl"), rows: lines.length }
    ];
    const rows = [];
    for (const v of versions) {
      const out = path7.join(ctx.workDir, "models", v.name);
      const started = performance.now();
      await runScript(ctx.exampleDir, "train.mjs", ["--data", v.data, "--out", out]);
      const ms = performance.now() - started;
      ctx.state.set(`model:${v.name}`, out);
      const config = JSON.parse(await readFile5(path7.join(out, "config.json"), "utf8"));
      rows.push([v.name, String(v.rows), `${(ms / 1e3).toFixed(2)} s`, escapeMarkdown(String(config.dataMd5 ?? config.data_md5 ?? "-"))]);
      ctx.rt.log.info(`trained ${v.name} on ${v.rows} examples in ${(ms / 1e3).toFixed(2)} s`);
    }
    return {
      headline: `trained v1 (${versions[0]?.rows} examples) and v2 (${versions[1]?.rows} examples)`,
      body: markdownTable(["version", "training examples", "time", "data md5"], rows)
    };
  }
};
var serveStage = {
  name: "serve",
  phase: "Continuous deployment",
  async run(ctx) {
    const rows = [];
    for (const name of ["v1", "v2"]) {
      const server = await serveModel(ctx.exampleDir, ctx.state.get(`model:${name}`), `support-bot-${name}`);
      ctx.onCleanup(() => server.stop());
      ctx.state.set(`url:${name}`, server.url);
      rows.push([name, server.url, String(server.pid)]);
      ctx.rt.log.info(`serving ${name} at ${server.url}`);
    }
    return { headline: "v1 and v2 serving on loopback", body: markdownTable(["version", "base URL", "pid"], rows) };
  }
};
var answerStage = {
  name: "answer",
  phase: "Automated testing",
  async run(ctx) {
    const cases = (await readFile5(path7.join(ctx.exampleDir, "data/eval.jsonl"), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const scores = {};
    for (const name of ["v1", "v2"]) {
      const url = ctx.state.get(`url:${name}`);
      const progress = ctx.rt.progress(`asking ${name}`, cases.length);
      const answers = await mapLimit(cases, 8, async (c) => {
        const question = c.messages.findLast((m) => m.role === "user")?.content ?? "";
        const a = await ask(url, `support-bot-${name}`, question);
        progress.tick();
        return a.content;
      });
      progress.done();
      const f1s = answers.map((a, i) => tokenF1(a, cases[i]?.expected ?? ""));
      scores[name] = {
        answers,
        f1: mean(f1s),
        exact: mean(answers.map((a, i) => normalize(a) === normalize(cases[i]?.expected ?? "") ? 1 : 0))
      };
    }
    const streamed = await ask(ctx.state.get("url:v2"), "support-bot-v2", cases[0]?.messages.at(-1)?.content ?? "hello", true);
    const v1 = scores.v1;
    const v2 = scores.v2;
    const differing = cases.map((c, i) => ({ c, i })).filter(({ i }) => v1.answers[i] !== v2.answers[i]).slice(0, 5);
    const table = markdownTable(
      ["version", "exact match", "token F1", "cases"],
      [
        ["v1", pct(v1.exact), v1.f1.toFixed(3), String(cases.length)],
        ["v2", pct(v2.exact), v2.f1.toFixed(3), String(cases.length)]
      ],
      ["left", "right", "right", "right"]
    );
    const examples = markdownTable(
      ["question", "v1 answered", "v2 answered"],
      differing.map(({ c, i }) => [escapeMarkdown(c.messages.at(-1)?.content ?? ""), escapeMarkdown(v1.answers[i] ?? ""), escapeMarkdown(v2.answers[i] ?? "")])
    );
    ctx.state.set("scores", { v1: { f1: v1.f1, exact: v1.exact }, v2: { f1: v2.f1, exact: v2.exact } });
    return {
      headline: `v1 exact ${pct(v1.exact)}, v2 exact ${pct(v2.exact)} on ${cases.length} held-out questions`,
      body: `${table}

Streaming check (v2, SSE): ${streamed.completionTokens} tokens in ${streamed.latencyMs.toFixed(1)} ms, same text as non-streaming: ${streamed.content === v2.answers[0] ? "yes" : "no"}.

Where the versions differ (first ${differing.length}):

${examples}`,
      prComment: `### Support-bot answers: v2 against v1

${table}

<details><summary>Where the versions differ</summary>

${examples}

</details>`
    };
  }
};
function normalize(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, " ").trim();
}
function mean(xs) {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
}
function pct(x) {
  return `${(x * 100).toFixed(1)}%`;
}

// packages/cli/src/demo/stages-monitor.ts
import { readFile as readFile6, writeFile as writeFile3 } from "node:fs/promises";
import { createServer, request } from "node:http";
import path8 from "node:path";
var monitorStage = {
  name: "monitor",
  phase: "Monitoring",
  async run(ctx) {
    const { FolderRolloutStore, GatewayRouter, GatewayStatsSource, runCanary } = await import("./lib-XWG4XQIP.js");
    const { runMonitor } = await import("./lib-SPHIKYZV.js");
    const v1 = ctx.state.get("url:v1");
    const v2 = ctx.state.get("url:v2");
    const fault = { on: false };
    const proxy = await faultyProxy(`${v2}/v1`, fault);
    ctx.onCleanup(() => new Promise((r) => proxy.server.close(() => r())));
    const { gw, admin, token } = await startDemoGateway(ctx, {
      requestLog: { sampleRate: 1, keep: 5e3 },
      outlierDetection: { consecutiveFailures: 1e3 },
      backends: {
        stable: { url: `${v1}/v1`, models: { "support-bot": "support-bot-v1" }, retries: 0 },
        canary: { url: proxy.url, models: { "support-bot": "support-bot-v2" }, retries: 0 }
      },
      routes: [{ name: "support-bot", weights: { stable: 1e4, canary: 0 } }]
    });
    const stateDir = path8.join(ctx.workDir, "monitor-state");
    await runCanary({
      environment: "production",
      releaseId: `sha256:${"2".repeat(64)}`,
      strategy: { steps: [{ setWeight: 100 }], metrics: [{ name: "error-rate", test: "proportion" }] },
      router: new GatewayRouter(admin, { route: "support-bot" }),
      source: new GatewayStatsSource(admin),
      store: new FolderRolloutStore(stateDir),
      log: ctx.rt.log
    });
    const cases = (await readFile6(path8.join(ctx.exampleDir, "data/eval.jsonl"), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const load = userTraffic(gw.url, cases, { pauseMs: 10 });
    const alerts = [];
    const hook = await webhookReceiver(alerts);
    ctx.onCleanup(() => new Promise((r) => hook.server.close(() => r())));
    const dir = path8.join(ctx.workDir, "monitor");
    await writeFile3(
      path8.join(ctx.workDir, "slipway-monitor.yml"),
      `version: 1
deploy:
  gateway: { adminUrl: ${gw.adminUrl}, route: support-bot }
  state: monitor-state
monitor:
  slos: { latencyP95: 250ms, errorRate: 0.05, minRequests: 20 }
  anomaly: { method: 'off' }
  drift: { requestLog: gateway, reference: reference.jsonl, window: 2s, minSamples: 30 }
  onBreach: rollback
`
    );
    const monitor = (outDir) => runMonitor(ctx.rt, {
      environment: "production",
      configFile: path8.join(ctx.workDir, "slipway-monitor.yml"),
      window: "2s",
      gatewayToken: token,
      webhookUrl: hook.url,
      failOn: "never",
      outDir: path8.join(dir, outDir)
    });
    try {
      await sleep(2500);
      const reference = await admin.requests(3600, 5e3);
      await writeFile3(path8.join(ctx.workDir, "reference.jsonl"), `${reference.entries.map((e) => JSON.stringify(e)).join("\n")}
`);
      await sleep(2e3);
      const calm = await monitor("calm");
      if (calm.verdict !== "ok") throw new Error(`monitor should find the promoted v2 healthy, but said ${calm.verdict}: ${calm.report.reasons.join("; ")}`);
      fault.on = true;
      await sleep(2200);
      const incident = await monitor("incident");
      if (incident.verdict !== "breach" || incident.rolledBack === void 0)
        throw new Error(`the injected incident should breach and roll back, but monitor said ${incident.verdict}`);
      const weights = (await admin.routes()).routes[0]?.weights;
      const state = await new FolderRolloutStore(stateDir).load("production");
      return {
        headline: `v2 healthy after promotion (ok); injected failures \u2192 breach, alert sent, rolled back to v1 in one run`,
        body: [
          `Calm window: **${calm.verdict}** (${calm.report.slos.length} SLOs, ${calm.report.drift?.tests.length ?? 0} drift tests against ${calm.report.drift?.referenceSize ?? 0} reference exchanges).`,
          "",
          `Incident (v2's server fails a third of requests and stalls 300 ms): **${incident.verdict}**.`,
          "",
          ...incident.report.reasons.map((r) => `- ${r}`),
          "",
          `Webhook alerts received: ${alerts.length}. Gateway weights afterwards: \`${JSON.stringify(weights)}\`. Rollout state: ${state?.status}, reason recorded: "${state?.decisions.at(-1)?.reason ?? ""}".`
        ].join("\n"),
        prComment: `### Monitor

- after promotion: **${calm.verdict}**
- injected incident: **${incident.verdict}** \u2192 rolled back`
      };
    } finally {
      ctx.rt.log.info(`monitor: ${await load.stop()} user requests`);
    }
  }
};
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
async function faultyProxy(target, fault) {
  const base = new URL(target);
  let n = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      n++;
      if (fault.on && n % 3 === 0) {
        res.writeHead(503, { "content-type": "application/json" }).end('{"error":{"message":"overloaded"}}');
        return;
      }
      const go = () => {
        const up = request(
          {
            host: base.hostname,
            port: base.port,
            path: `${base.pathname.replace(/\/$/, "")}${(req.url ?? "/").replace(/^\/v1/, "")}`,
            method: req.method,
            headers: req.headers
          },
          (r) => {
            res.writeHead(r.statusCode ?? 502, r.headers);
            r.pipe(res);
          }
        );
        up.on("error", () => res.writeHead(502).end());
        up.end(Buffer.concat(chunks));
      };
      if (fault.on) setTimeout(go, 300);
      else go();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}/v1` };
}
async function webhookReceiver(into) {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c.toString();
    });
    req.on("end", () => {
      into.push(JSON.parse(body || "{}"));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}/alerts` };
}

// packages/cli/src/demo/stages-staging.ts
import { mkdir as mkdir3, readFile as readFile7 } from "node:fs/promises";
import path9 from "node:path";
var BLUE_GREEN = {
  steps: [{ setWeight: 0 }, { analysis: { duration: "3s", interval: "500ms" } }, { setWeight: 100 }, { analysis: { duration: "1s", interval: "500ms" } }],
  metrics: [{ name: "eval-score", test: "paired", direction: "higher-is-better", tolerance: 0.05, minSample: 16 }],
  retire: { after: "0s", drain: "2s" }
};
var stagingStage = {
  name: "staging",
  phase: "Continuous deployment",
  async run(ctx) {
    const { FolderRolloutStore, GatewayRouter, OnlineEvalSource, rolloutMarkdown, runCanary } = await import("./lib-XWG4XQIP.js");
    const { FolderReleaseStore } = await import("./lib-QNTN4MXJ.js");
    const blue = ctx.state.get("url:v1");
    const green = ctx.state.get("url:v2");
    if (typeof blue !== "string" || typeof green !== "string") throw new Error("the staging stage needs the serve stage (url:v1 and url:v2)");
    const { gw, admin } = await startDemoGateway(ctx, {
      backends: {
        stable: { url: `${blue}/v1`, models: { "support-bot": "support-bot-v1" } },
        canary: { url: `${green}/v1`, models: { "support-bot": "support-bot-v2" } }
      },
      routes: [{ name: "support-bot", weights: { stable: 1e4, canary: 0 }, sticky: ["header:x-user-id"] }]
    });
    const cases = (await readFile7(path9.join(ctx.exampleDir, "data/eval.jsonl"), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const stateDir = path9.join(ctx.workDir, "state-staging");
    await mkdir3(stateDir, { recursive: true });
    const history = new FolderReleaseStore(stateDir);
    const registered = ctx.state.get("finetune:release");
    const releaseId = typeof registered === "string" ? registered : await releaseOf("v2", ctx.state.get("model:v2"), (await import("./lib-QNTN4MXJ.js")).sealRelease);
    const run = await runCanary({
      environment: "staging",
      releaseId: String(releaseId),
      strategy: BLUE_GREEN,
      router: new GatewayRouter(admin, { route: "support-bot" }),
      source: new OnlineEvalSource({ baseUrl: gw.url, cases, perLook: 8, model: "support-bot" }),
      store: new FolderRolloutStore(stateDir),
      history,
      log: ctx.rt.log
    });
    if (run.result !== "promoted")
      throw new Error(`green (v2) should have been promoted in staging, but the rollout ended ${run.result}: ${run.state.decisions.at(-1)?.reason}`);
    const weights = (await admin.routes()).routes[0]?.weights;
    const outcomes = (await history.history("staging")).map((h) => h.outcome).join(" \u2192 ");
    const pairs = run.state.decisions.filter((d) => d.action === "look" && d.weight === 0).at(-1)?.metrics?.[0]?.nCanary ?? 0;
    return {
      headline: `staging: green (v2) judged at 0% on ${pairs} online-eval pairs, then all traffic at once; ${run.state.decisions.some((d) => d.action === "retire") ? "blue (v1) retired" : "blue (v1) kept"}`,
      body: `${rolloutMarkdown(run.state, "Blue-green in staging: v2 beside v1")}
Gateway weights afterwards: \`${JSON.stringify(weights)}\`. Release history of staging: ${outcomes}.
`
    };
  }
};

// packages/cli/src/demo/run-demo.ts
var DEMO_STAGES = [
  trainStage,
  artifactsStage,
  buildStage,
  serveStage,
  answerStage,
  evalStage,
  gatewayStage,
  finetuneStage,
  stagingStage,
  canaryStage,
  monitorStage
];
async function runDemo(rt, options) {
  const { exampleDir, outDir } = options;
  await rm(outDir, { recursive: true, force: true });
  const workDir = path10.join(outDir, "work");
  await mkdir4(workDir, { recursive: true });
  const cleanups = [];
  const ctx = { rt, exampleDir, workDir, outDir, state: /* @__PURE__ */ new Map(), onCleanup: (fn) => cleanups.push(fn) };
  const results = [];
  const reports = [];
  let failure;
  try {
    for (const stage of options.stages ?? DEMO_STAGES) {
      const started = performance.now();
      try {
        const report = await rt.group(`${stage.phase}: ${stage.name}`, () => stage.run(ctx));
        reports.push({ stage, report });
        results.push({ name: stage.name, phase: stage.phase, ok: true, seconds: (performance.now() - started) / 1e3, headline: report.headline });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({
          name: stage.name,
          phase: stage.phase,
          ok: false,
          seconds: (performance.now() - started) / 1e3,
          headline: message.split("\n")[0] ?? ""
        });
        failure = { stage: stage.name, error };
        break;
      }
    }
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((e) => rt.log.warn(`cleanup failed: ${String(e)}`));
  }
  await writeOutputs(outDir, results, reports);
  await rt.appendSummary(summaryMarkdown(results));
  if (failure) {
    throw new GateError(`demo stage "${failure.stage}" failed: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`, {
      hint: `see ${path10.join(outDir, "report.md")}`
    });
  }
  return { outDir, stages: results };
}
function summaryMarkdown(results) {
  const rows = results.map((r) => [r.ok ? "\u2705" : "\u274C", r.phase, r.name, escapeMarkdown(r.headline), `${r.seconds.toFixed(1)} s`]);
  return `## Slipway demo

${markdownTable(["", "phase", "stage", "result", "time"], rows, ["center", "left", "left", "left", "right"])}
`;
}
async function writeOutputs(outDir, results, reports) {
  const summary = summaryMarkdown(results);
  const sections = reports.map(({ stage, report: report2 }) => `## ${stage.phase}: ${stage.name}

${report2.body}
`);
  const report = `# Slipway demo report

The example application \`examples/support-bot\` through every pipeline stage that exists today, on embedded defaults.

${summary}
${sections.join("\n")}`;
  const comments = reports.flatMap(({ report: r }) => r.prComment ? [r.prComment] : []);
  const prComment = `<!-- slipway:demo -->
## Slipway

${comments.join("\n\n") || "_nothing to report_"}
`;
  await writeFile4(path10.join(outDir, "report.md"), report);
  await writeFile4(path10.join(outDir, "pr-comment.md"), prComment);
  await writeFile4(path10.join(outDir, "job-summary.md"), summary);
  await writeFile4(path10.join(outDir, "results.json"), `${JSON.stringify({ stages: results }, null, 2)}
`);
}
export {
  DEMO_STAGES,
  runDemo
};
