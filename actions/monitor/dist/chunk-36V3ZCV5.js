import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  require_dist
} from "./chunk-KJFXNCKF.js";
import {
  external_exports
} from "./chunk-LUQ2JWWH.js";
import {
  ConfigError
} from "./chunk-33QV4WLU.js";
import {
  __toESM
} from "./chunk-I2UBCO3D.js";

// packages/config/lib/deploy.js
var duration = external_exports.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, "a duration with a unit, such as 30s or 5m");
var metricSchema = external_exports.object({
  name: external_exports.string().regex(/^[a-z][a-z0-9_-]*$/i, "a name like error-rate").describe("The metric, as its source names it: error-rate, latency, eval-score, \u2026"),
  test: external_exports.enum(["proportion", "distribution", "paired"]).describe("proportion: error/refusal rates; distribution: latencies, lengths; paired: eval scores by case."),
  direction: external_exports.enum(["lower-is-better", "higher-is-better"]).default("lower-is-better"),
  tolerance: external_exports.number().min(0).default(0).describe("How much worse the canary may be before it counts as a regression."),
  minSample: external_exports.number().int().min(1).default(100).describe("Canary samples needed before any verdict; fewer is inconclusive, never a failure."),
  max: external_exports.number().optional().describe("Absolute limit on the canary's own value (rate, `stat` of a distribution, mean score)."),
  min: external_exports.number().optional().describe("Absolute floor on the canary's own value."),
  stat: external_exports.enum(["mean", "median", "p90", "p95", "p99"]).default("p95").describe("Which statistic of a distribution `max`/`min` apply to."),
  dryRun: external_exports.boolean().default(false).describe("Evaluate and report, but never act on it.")
}).strict();
var canaryStepSchema = external_exports.union([
  external_exports.object({ setWeight: external_exports.number().min(0).max(100).describe("Percent of traffic on the canary.") }).strict(),
  external_exports.object({ pause: external_exports.union([duration, external_exports.literal("approval")]).describe("Wait this long, or until approved.") }).strict(),
  external_exports.object({
    analysis: external_exports.object({
      duration: duration.describe("How long this analysis watches the canary."),
      interval: duration.default("30s").describe("Time between looks."),
      warmup: duration.default("0s").describe("Time before the first measurement counts.")
    }).strict()
  }).strict()
]);
var retireSchema = external_exports.object({
  after: duration.default("0s").describe("Rest of the instant-rollback window after promotion; the old version stays ready until it ends."),
  drain: duration.default("30s").describe("How long requests in flight on the old version may take to finish.")
}).strict();
var canaryStrategySchema = external_exports.object({
  steps: external_exports.array(canaryStepSchema).min(1).describe("In order: `setWeight`, `pause` (a duration or `approval`) and `analysis` steps."),
  metrics: external_exports.array(metricSchema).min(1).describe("What every analysis step judges, canary against stable."),
  alpha: external_exports.number().gt(0).lt(0.5).default(0.01).describe("Family-wise false-rollback rate of each analysis step, however often it looks."),
  spending: external_exports.enum(["pocock", "obrien-fleming", "linear"]).default("pocock").describe("How alpha is spent over an analysis: pocock stops bad canaries earliest."),
  limits: external_exports.object({
    fail: external_exports.number().int().min(0).default(0).describe("Failed looks tolerated before the analysis fails."),
    error: external_exports.number().int().min(0).default(1).describe("Looks that could not measure (source errors) tolerated."),
    inconclusive: external_exports.number().int().min(0).default(0).describe("Inconclusive looks tolerated before the analysis is inconclusive.")
  }).strict().default({ fail: 0, error: 1, inconclusive: 0 }).describe("How many looks of each outcome a metric may have before it decides the analysis."),
  onInconclusive: external_exports.enum(["pause", "rollback", "promote"]).default("pause").describe("What an inconclusive analysis does."),
  approvalTimeout: duration.optional().describe("How long a pause for approval (or an inconclusive hold) may wait; a run after that applies `onApprovalTimeout`."),
  onApprovalTimeout: external_exports.enum(["rollback", "promote"]).default("rollback").describe("What a rollout does when nobody approved it within `approvalTimeout`."),
  retire: retireSchema.optional().describe("Blue-green: retire the old version after promotion (drain it at the router, record it in history).")
}).strict();
var gatewayRouterSchema = external_exports.object({
  adminUrl: external_exports.url().describe("Admin listener of the gateway, e.g. http://127.0.0.1:8081."),
  route: external_exports.string().min(1).describe("The route whose weights move."),
  stable: external_exports.string().min(1).default("stable").describe("Backend name of the stable version."),
  canary: external_exports.string().min(1).default("canary").describe("Backend name of the canary version."),
  tokenEnv: external_exports.string().regex(/^[A-Z_][A-Z0-9_]*$/).default("SLIPWAY_GATEWAY_ADMIN_TOKEN").describe("Environment variable holding the admin token.")
}).strict();
var sagemakerRouterSchema = external_exports.object({
  endpoint: external_exports.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "a SageMaker endpoint name: letters, digits and dashes, at most 63").describe("The SageMaker endpoint whose production variants carry stable and canary."),
  stable: external_exports.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "a production-variant name").default("stable").describe("Production variant of the stable version."),
  canary: external_exports.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "a production-variant name").default("canary").describe("Production variant of the canary version."),
  region: external_exports.string().min(1).optional().describe("AWS region; default from the credential chain (AWS_REGION, profile)."),
  endpointUrl: external_exports.url().optional().describe("A custom SageMaker API endpoint (a VPC endpoint); default the public one of the region."),
  timeout: duration.default("30m").describe("How long a weight change may take to bring the endpoint back InService.")
}).strict();
var rollingBackendSchema = external_exports.object({
  from: external_exports.string().min(1).describe("Backend serving the old version now."),
  to: external_exports.string().min(1).describe("Backend serving the new version that takes its share.")
}).strict();
var rollingStrategySchema = external_exports.object({
  batchSize: external_exports.number().int().min(1).optional().describe("Units replaced per batch (default 1)."),
  batches: external_exports.number().int().min(1).optional().describe("Or: how many batches; the units are split evenly."),
  interval: duration.default("5s").describe("Time between health checks of a batch."),
  timeout: duration.default("5m").describe("How long a batch has to become healthy before the release is undone."),
  soak: duration.default("0s").describe("How long a healthy batch must stay healthy before the next one starts."),
  backends: external_exports.array(rollingBackendSchema).min(1).optional().describe("router gateway: the backends of deploy.gateway.route, old and new, in order."),
  maxErrorRate: external_exports.number().min(0).max(1).default(0.05).describe("router gateway: highest error rate a new backend may show during its batch."),
  minRequests: external_exports.number().int().min(0).default(0).describe("router gateway: requests a new backend must have served before its batch counts as healthy.")
}).strict().refine((r) => r.batchSize === void 0 || r.batches === void 0, { message: "set batchSize or batches, not both" });
var kubeName = external_exports.string().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a Kubernetes name: lower-case letters, digits, dashes and dots");
var kubernetesRouterSchema = external_exports.object({
  kind: external_exports.enum(["HTTPRoute", "VirtualService", "Rollout"]).optional().describe("The resource whose weights move: a Gateway API `HTTPRoute`, an Istio `VirtualService` or an Argo Rollouts `Rollout`."),
  name: kubeName.optional().describe("Name of that resource."),
  namespace: kubeName.optional().describe("Namespace; default the kubeconfig context's namespace, else `default`."),
  kubeconfig: external_exports.string().min(1).optional().describe("A kubeconfig file; default `$KUBECONFIG`, `~/.kube/config`, then the in-cluster service account."),
  context: external_exports.string().min(1).optional().describe("The kubeconfig context to use; default the file's current context."),
  rule: external_exports.string().min(1).optional().describe("HTTPRoute: the rule (`rules[].name`); VirtualService: the HTTP route (`http[].name`) whose weights move; default the only one."),
  stable: external_exports.string().min(1).default("stable").describe("HTTPRoute: backendRef (Service) name of stable; VirtualService: its destination subset (or host)."),
  canary: external_exports.string().min(1).default("canary").describe("HTTPRoute: backendRef (Service) name of the canary; VirtualService: its destination subset (or host)."),
  destination: external_exports.enum(["subset", "host"]).default("subset").describe("VirtualService: whether `stable`/`canary` name destination subsets or hosts."),
  deployments: external_exports.object({
    from: kubeName.describe("Deployment running the old version; scaled down batch by batch."),
    to: kubeName.describe("Deployment that runs the new version; scaled up batch by batch."),
    container: external_exports.string().min(1).optional().describe("Container whose image is set on `to`; default its first container."),
    image: external_exports.string().min(1).optional().describe("Image of the new version when the release record names none; default the image `to` already has.")
  }).strict().optional().describe("strategy rolling: two Deployments scaled against each other, replicas moved from `from` to `to` in batches.")
}).strict();

// packages/config/lib/internal/format-issue.js
function describeValue(value) {
  if (value === void 0)
    return "nothing";
  if (value === null)
    return "null";
  if (Array.isArray(value))
    return `a list of ${value.length}`;
  if (typeof value === "object")
    return "a mapping";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
function dottedPath(path2) {
  return path2.reduce((acc, seg) => typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg), "");
}
function valueAt(root, path2) {
  let v = root;
  for (const seg of path2) {
    if (v === null || typeof v !== "object")
      return void 0;
    v = v[seg];
  }
  return v;
}
var TYPE_NAMES = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "a mapping"
};
function formatIssue(issue, root, allowedKeys) {
  const where = dottedPath(issue.path) || "the top level";
  const found = describeValue(valueAt(root, issue.path));
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(issue.path);
      const key = issue.keys[0] ?? "";
      const guess = closest(key, allowed);
      return `unknown key "${key}" in ${where}${guess ? ` (did you mean "${guess}"?)` : ""}; allowed keys: ${allowed.join(", ")}`;
    }
    case "invalid_type": {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (valueAt(root, issue.path) === void 0)
        return `${where} is required: set it to ${expected}`;
      return `${where}: expected ${expected}, found ${found}`;
    }
    case "invalid_value":
      if (valueAt(root, issue.path) === void 0) {
        return `${where} is required: set it to ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`}`;
      }
      return `${where}: found ${found}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `${where}: found ${found}; ${issue.origin === "array" || issue.origin === "string" ? "length " : ""}must be at least ${String(issue.minimum)}`;
    case "too_big":
      return `${where}: found ${found}; ${issue.origin === "array" || issue.origin === "string" ? "length " : ""}must be at most ${String(issue.maximum)}`;
    case "invalid_format":
      return `${where}: found ${found}; expected ${issue.format === "regex" ? issue.message : `a valid ${issue.format}`}`;
    default:
      return `${where}: ${issue.message} (found ${found})`;
  }
}
function closest(word, candidates) {
  let best;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
function levenshtein(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// packages/config/lib/schema.js
var duration2 = external_exports.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, "a duration with a unit, such as 90s, 5m or 1h30m").meta({ examples: ["90s", "5m"] });
var remoteUrl = external_exports.string().regex(/^(file|s3):\/\/.+/, "a remote URL: file://path or s3://bucket/prefix").meta({ examples: ["file://../slipway-remote", "s3://my-bucket/models"] });
var relPath = external_exports.string().min(1);
var artifactsSchema = external_exports.object({
  remote: remoteUrl.optional().describe("Where artifact content is stored. `file://\u2026` (relative to this file) or `s3://bucket/prefix`."),
  paths: external_exports.array(relPath).optional().describe("Files and folders to version outside git; each gets a `.dvc` pointer beside it."),
  jobs: external_exports.number().int().min(1).max(256).optional().describe("Parallel transfers."),
  cache: relPath.optional().describe("Local object cache folder (default `.slipway/cache`)."),
  s3: external_exports.object({
    region: external_exports.string().min(1).optional().describe("AWS region of the bucket (default: the credential chain, else us-east-1)."),
    endpoint: external_exports.url().optional().describe("Custom endpoint of an S3-compatible store (MinIO, R2, Ceph)."),
    pathStyle: external_exports.boolean().optional().describe("Address the bucket by path, not by host name (default true with a custom endpoint)."),
    sse: external_exports.enum(["AES256", "aws:kms", "aws:kms:dsse"]).optional().describe("Server-side encryption for uploaded objects."),
    sseKmsKeyId: external_exports.string().min(1).optional().describe("KMS key for `sse: aws:kms`.")
  }).strict().optional().describe("Options for an `s3://` remote.")
}).strict().describe("Model and data files versioned outside git (artifact-sync).");
var evalSchema = external_exports.object({
  suites: external_exports.array(relPath).optional().describe("Eval suite files to run."),
  concurrency: external_exports.number().int().min(1).max(1024).optional().describe("Requests in flight per provider."),
  timeout: duration2.optional().describe("Timeout for one model call."),
  baseline: external_exports.string().min(1).optional().describe("Baseline: a results file or folder, `store:<key>` (results pushed under a key to the artifact store), `env:<environment>` (the release live there), or `provider:<label>` for a baseline provider run in the same job."),
  alpha: external_exports.number().gt(0).lt(1).optional().describe("Significance level of the regression tests (default 0.05)."),
  passRateFloor: external_exports.number().min(0).max(1).optional().describe("The gate fails when the pass rate is below this (0\u20131)."),
  repeats: external_exports.number().int().min(1).max(100).optional().describe("Samples per test for non-deterministic models."),
  adaptiveRepeats: external_exports.number().int().min(2).max(100).optional().describe("Rerun only borderline tests up to this many samples."),
  staleDays: external_exports.number().int().min(1).optional().describe("Warn when the baseline is older than this many days (default 14)."),
  cache: external_exports.enum(["use", "off", "only"]).optional().describe("Response cache: use, off (--no-cache), only (--cache-only: replay, never call a model)."),
  cacheDir: relPath.optional().describe("Response cache folder (default `.slipway/eval-cache`)."),
  outDir: relPath.optional().describe("Where results and reports are written (default `.slipway/eval`)."),
  judge: external_exports.string().min(1).optional().describe("Judge provider for llm-rubric, e.g. `openai:chat:gpt-4o-mini`."),
  embeddings: external_exports.string().min(1).optional().describe("Embeddings provider for semantic similarity."),
  budgets: external_exports.object({
    cost: external_exports.number().positive().optional().describe("Stop cleanly once this many USD are spent."),
    time: duration2.optional().describe("Stop cleanly after this long.")
  }).strict().optional().describe("Budgets that stop a run cleanly with partial results.")
}).strict().describe("LLM regression tests that gate pull requests (eval).");
var copySpec = external_exports.union([
  relPath,
  external_exports.object({ source: relPath.describe("File or folder, relative to slipway.yml."), dest: external_exports.string().min(1).describe("Path in the image.") }).strict()
]);
var buildSchema = external_exports.object({
  engine: external_exports.enum(["auto", "assemble", "buildah", "buildx"]).optional().describe("How the image is built."),
  image: external_exports.string().min(1).optional().describe("Image reference to push, e.g. `ghcr.io/acme/support-bot`."),
  dockerfile: relPath.optional().describe("Dockerfile for the buildah and buildx engines."),
  context: relPath.optional().describe("Build context folder."),
  tags: external_exports.array(external_exports.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "a tag: letters, digits, _ . -")).optional().describe("Tags to push the image under, besides the one in `image`."),
  base: external_exports.string().min(1).optional().describe("assemble: base image reference (tag or `@sha256:` digest), or `scratch` (default)."),
  rootfs: relPath.optional().describe("assemble: a folder laid out as the image's root (files, folders, symbolic links), or a .tar/.tar.gz of one, made into one layer under the app: a base built from files."),
  app: external_exports.array(copySpec).optional().describe("assemble: app files and folders, one layer. A string `p` goes to `/app/p`."),
  weights: external_exports.array(copySpec).optional().describe("assemble: model weight files and folders, one layer per file. A string `p` goes to `/models/p`."),
  entrypoint: external_exports.array(external_exports.string()).optional().describe("assemble: the image entrypoint."),
  cmd: external_exports.array(external_exports.string()).optional().describe("assemble: default arguments."),
  env: external_exports.record(external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), external_exports.string()).optional().describe("assemble: environment variables."),
  ports: external_exports.array(external_exports.union([external_exports.number().int().min(1).max(65535), external_exports.string().regex(/^\d{1,5}(\/(tcp|udp))?$/)])).optional().describe("assemble: exposed ports, e.g. 8080 or 8080/udp."),
  user: external_exports.string().min(1).optional().describe("assemble: user (and group) the process runs as."),
  workdir: external_exports.string().min(1).optional().describe("assemble: working directory."),
  labels: external_exports.record(external_exports.string().min(1), external_exports.string()).optional().describe("Image labels (the OCI source, revision and created labels are added)."),
  platform: external_exports.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, "os/architecture[/variant]").optional().describe("Target platform, e.g. `linux/amd64`."),
  buildArgs: external_exports.record(external_exports.string(), external_exports.string()).optional().describe("buildah/buildx: build arguments."),
  layout: relPath.optional().describe("Also write the image as an OCI layout folder here."),
  insecureRegistries: external_exports.array(external_exports.string().min(1)).optional().describe("Registries reached over plain HTTP (loopback ones always are)."),
  concurrency: external_exports.number().int().min(1).max(64).optional().describe("Layers uploaded in parallel (default 4)."),
  attest: external_exports.boolean().optional().describe("Attach an SPDX SBOM and SLSA provenance to pushed images (default true)."),
  sign: external_exports.boolean().optional().describe("Sign pushed images with cosign when it is installed and `COSIGN_KEY` or an OIDC token is there (default true).")
}).strict().describe("The container image of the LLM service (container-build).");
var deploySchema = external_exports.object({
  environment: external_exports.string().min(1).optional().describe("Target environment, e.g. `production`."),
  router: external_exports.enum(["gateway", "kubernetes", "sagemaker"]).optional().describe("What moves the traffic."),
  strategy: external_exports.enum(["canary", "blue-green", "rolling"]).optional().describe("How the new version takes over."),
  canary: canaryStrategySchema.optional().describe("Steps and metrics of a canary rollout."),
  gateway: gatewayRouterSchema.optional().describe("The gateway that moves the traffic (router: gateway)."),
  kubernetes: kubernetesRouterSchema.optional().describe("The Kubernetes resource whose weights move, and Deployments for rolling (router: kubernetes)."),
  sagemaker: sagemakerRouterSchema.optional().describe("The SageMaker endpoint whose variant weights move (router: sagemaker)."),
  rolling: rollingStrategySchema.optional().describe("Batches of a rolling release (strategy: rolling)."),
  state: external_exports.string().min(1).optional().describe("Where rollout state and release history live: a folder (default `.slipway/state`) or `s3://bucket/prefix`.")
}).strict().describe("Progressive delivery and rollback (canary-promote, rollback).");
var monitorSchema = external_exports.object({
  environment: external_exports.string().min(1).optional().describe("Environment watched (default `deploy.environment`, else production)."),
  source: external_exports.enum(["gateway", "prometheus"]).optional().describe("Where metrics are read from: the gateway stats API (default) or Prometheus."),
  prometheusUrl: external_exports.url().optional().describe("Prometheus HTTP API base URL."),
  selector: external_exports.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"[^"]*")*$/, 'label matchers such as slipway_route="support-bot"').optional().describe('Prometheus label matchers added to every query, e.g. `slipway_route="support-bot"`.'),
  window: duration2.optional().describe("How far back each SLO check looks (default 5m)."),
  slos: external_exports.object({
    latencyP95: duration2.optional().describe("95th percentile of request latency, e.g. `2s`."),
    ttftP95: duration2.optional().describe("95th percentile of time to first token (streams), e.g. `800ms`."),
    errorRate: external_exports.number().min(0).max(1).optional().describe("Share of failed requests, e.g. 0.02."),
    tokensPerRequest: external_exports.number().positive().optional().describe("Mean input plus output tokens per request."),
    costPerHour: external_exports.number().positive().optional().describe("USD per hour at the current rate (from the backends\u2019 prices)."),
    costPerDay: external_exports.number().positive().optional().describe("USD per day at the current rate: the daily budget."),
    warnAt: external_exports.number().gt(0).lt(1).optional().describe("Warn when a value passes this share of its objective (default 0.8)."),
    minRequests: external_exports.number().int().min(1).optional().describe('Fewer requests in the window: "sample too small", no verdict (default 20).')
  }).strict().optional().describe("Service-level objectives; each is checked when set."),
  anomaly: external_exports.object({
    method: external_exports.enum(["robust-z", "ewma", "off"]).optional().describe("How the current window is compared with the trailing ones (default robust-z)."),
    baselineWindows: external_exports.number().int().min(3).max(1e3).optional().describe("Trailing windows that form the baseline (default 12)."),
    threshold: external_exports.number().positive().optional().describe("Score above which a value is anomalous (default 4)."),
    severity: external_exports.enum(["warn", "breach"]).optional().describe("What an anomaly alone makes the verdict (default warn).")
  }).strict().optional().describe("Anomalies against the trailing baseline."),
  drift: external_exports.object({
    requestLog: external_exports.string().min(1).optional().describe("Where sampled exchanges come from: `gateway` (its /admin/requests) or a JSONL file of the gateway request log."),
    reference: external_exports.string().min(1).optional().describe("The reference: a JSONL file (a fixed dataset), or `first-day` (the first 24 h of the log)."),
    window: duration2.optional().describe("Current exchanges: the last this long of the log (default 1h)."),
    alpha: external_exports.number().gt(0).lt(0.5).optional().describe("Family-wise false-alarm rate of all drift tests together (default 0.01)."),
    minSamples: external_exports.number().int().min(10).optional().describe('Fewer exchanges on either side: "sample too small" (default 50).'),
    permutations: external_exports.number().int().min(99).max(1e5).optional().describe("Most label shuffles per permutation test (default 2000)."),
    refusalPatterns: external_exports.array(external_exports.string().min(1)).optional().describe("Extra regular expressions that mark an answer as a refusal."),
    embeddings: external_exports.object({
      url: external_exports.url().describe("OpenAI-compatible base URL (\u2026/v1) with an /embeddings endpoint."),
      model: external_exports.string().min(1).describe("Embedding model name."),
      apiKeyEnv: external_exports.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional().describe("Environment variable holding its API key.")
    }).strict().optional().describe("Turns on embedding drift (MMD with a permutation test).")
  }).strict().optional().describe("Drift of prompts and answers against a reference."),
  alerts: external_exports.object({
    issue: external_exports.boolean().optional().describe("Open (or update) one GitHub issue per incident (default true)."),
    labels: external_exports.array(external_exports.string().min(1)).optional().describe("Labels of the incident issue (default slipway-incident)."),
    check: external_exports.boolean().optional().describe("Create a check run with the verdict (default true)."),
    webhookEnv: external_exports.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional().describe("Environment variable holding a Slack-compatible webhook URL.")
  }).strict().optional().describe("Where a warn or breach is reported."),
  onBreach: external_exports.enum(["none", "rollback"]).optional().describe("`rollback` sends traffic back to the last healthy release on a breach.")
}).strict().describe("SLOs, anomalies, drift and alerts on live traffic (monitor).");
var scalar = external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()]);
var paramName = external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "a parameter name: letters, digits, _ . -");
var envName = external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name");
var s3Url = external_exports.string().regex(/^s3:\/\/[^/]+/, "s3://bucket/prefix");
var trainSchema = external_exports.object({
  command: external_exports.string().min(1).optional().describe("The command that trains the model on the runner (launcher `command`). `{output}`, `{train}`, `{validation}`, `{name}` and `{<parameter>}` are replaced, shell-quoted."),
  data: external_exports.array(relPath).optional().describe("Training data (JSONL: chat, prompt/completion, or messages + expected), checked before training."),
  evalData: external_exports.array(relPath).optional().describe("Held-out data: checked too, and compared with the training data for leakage."),
  output: relPath.optional().describe("Folder the trained model is written to; versioned with a `.dvc` pointer."),
  name: external_exports.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, "a model name: letters, digits, . _ -").optional().describe("Model name in the registry (default: the output folder name)."),
  format: external_exports.enum(["chat", "completion", "exchange"]).optional().describe("Data format (default: detected per file)."),
  baseModel: external_exports.string().min(1).optional().describe("The model being fine-tuned: picks the tokenizer and the price; required by `launcher: openai`."),
  epochs: external_exports.number().int().min(1).max(100).optional().describe("Epochs, for the cost estimate (default 3)."),
  launcher: external_exports.enum(["command", "openai", "sagemaker", "kubernetes"]).optional().describe("Where training runs (default `command`)."),
  timeout: duration2.optional().describe("Fail the training job after this long."),
  params: external_exports.record(paramName, scalar).optional().describe("Fixed hyperparameters; a sweep leg overrides them."),
  checks: external_exports.object({
    validationSplit: external_exports.number().min(0).max(0.5).optional().describe("Share of the training data held out for validation by a stable hash split (default 0: no split)."),
    nearDuplicateThreshold: external_exports.number().min(0.5).max(1).optional().describe("Estimated Jaccard similarity from which two examples are near duplicates (default 0.85)."),
    maxDuplicateRate: external_exports.number().min(0).max(1).optional().describe("Refuse the data above this share of duplicates (default 0.2)."),
    pii: external_exports.enum(["warning", "error", "off"]).optional().describe("Personal data in the data: a warning (default), an error, or not looked for."),
    maxTokensPerExample: external_exports.number().int().min(1).optional().describe("Examples longer than this many tokens are errors."),
    pricePerMillion: external_exports.number().positive().optional().describe("USD per million training tokens, for the cost estimate (default: known OpenAI prices).")
  }).strict().optional().describe("Data checks before training."),
  evaluate: external_exports.object({
    command: external_exports.string().min(1).optional().describe("Prints JSON metrics for the model in `{output}`."),
    serve: external_exports.string().min(1).optional().describe("Serves the model in `{output}` and prints its URL; the suites run against it."),
    urlEnv: envName.optional().describe("Variable that carries the served URL to the suites (default `MODEL_URL`)."),
    suites: external_exports.array(relPath).optional().describe("Eval suites run against the served model (default `eval.suites`)."),
    metric: external_exports.string().min(1).optional().describe("What select-best ranks by: `pass-rate`, `score`, a suite metric (`rouge-l`), or a metric the commands print (default `pass-rate`)."),
    goal: external_exports.enum(["maximize", "minimize"]).optional().describe("Whether a higher or a lower metric is better (default maximize).")
  }).strict().optional().describe("How each trained model is evaluated."),
  sweep: external_exports.object({
    method: external_exports.enum(["grid", "random"]).optional().describe("Grid (every combination, sampled down to the budget) or random search (default grid)."),
    budget: external_exports.number().int().min(1).max(256).optional().describe("At most this many legs (a GitHub matrix holds 256)."),
    seed: external_exports.number().int().optional().describe("Seed of the sampling, so the same spec gives the same legs."),
    parameters: external_exports.record(paramName, external_exports.union([
      external_exports.array(scalar).min(1),
      external_exports.object({
        min: external_exports.number(),
        max: external_exports.number(),
        scale: external_exports.enum(["linear", "log"]).optional(),
        integer: external_exports.boolean().optional()
      }).strict()
    ])).describe("Values to try per hyperparameter: a list, or a range for random search.")
  }).strict().optional().describe("Hyperparameter sweep: one GitHub Actions matrix leg per point."),
  openai: external_exports.object({
    baseUrl: external_exports.url().optional().describe("API base URL with /v1 (default https://api.openai.com/v1)."),
    apiKeyEnv: envName.optional().describe("Variable holding the API key (default OPENAI_API_KEY)."),
    pollInterval: duration2.optional().describe("How often the job is read (default 15s).")
  }).strict().optional().describe("`launcher: openai`: OpenAI fine-tuning."),
  sagemaker: external_exports.object({
    region: external_exports.string().min(1).describe("AWS region."),
    endpoint: external_exports.url().optional().describe("Custom SageMaker endpoint."),
    s3Endpoint: external_exports.url().optional().describe("Custom S3 endpoint for the data upload (MinIO and other S3-compatible stores)."),
    roleArn: external_exports.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/, "an IAM role ARN").describe("Role SageMaker assumes."),
    image: external_exports.string().min(1).describe("Training image URI."),
    instanceType: external_exports.string().regex(/^ml\./, "an ml.* instance type").describe("e.g. ml.g5.2xlarge."),
    instanceCount: external_exports.number().int().min(1).optional().describe("Instances (default 1)."),
    volumeSizeGb: external_exports.number().int().min(1).optional().describe("EBS volume per instance (default 50)."),
    inputS3: s3Url.describe("Prefix the checked data is uploaded under: `<job>/train/` and `<job>/validation/` become the channels."),
    outputS3: s3Url.describe("Where SageMaker writes model.tar.gz."),
    pollInterval: duration2.optional().describe("How often the job is read (default 30s).")
  }).strict().optional().describe("`launcher: sagemaker`: a SageMaker training job."),
  kubernetes: external_exports.object({
    apiServer: external_exports.url().optional().describe("API server URL (default: in-cluster)."),
    tokenEnv: envName.optional().describe("Variable holding the bearer token (default: the pod service account)."),
    namespace: external_exports.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a namespace name").describe("Namespace of the job."),
    image: external_exports.string().min(1).describe("Training image."),
    command: external_exports.array(external_exports.string()).min(1).describe("Container command and arguments."),
    kind: external_exports.enum(["job", "pytorchjob"]).optional().describe("batch/v1 Job (default) or Kubeflow PyTorchJob."),
    workers: external_exports.number().int().min(0).optional().describe("PyTorchJob workers besides the master."),
    gpus: external_exports.number().int().min(0).optional().describe("GPUs per pod."),
    outputUri: external_exports.string().min(1).optional().describe("Where the job writes the model; recorded as its location."),
    dataS3: s3Url.optional().describe("Upload the checked data under this prefix; pods get SLIPWAY_TRAIN_URI and SLIPWAY_VALIDATION_URI."),
    s3Endpoint: external_exports.url().optional().describe("Custom S3 endpoint for the data upload."),
    pollInterval: duration2.optional().describe("How often the job is read (default 10s).")
  }).strict().optional().describe("`launcher: kubernetes`: a Job or PyTorchJob."),
  registry: external_exports.object({
    type: external_exports.enum(["store", "huggingface", "mlflow"]).optional().describe("Where models are registered (default `store`: the artifact store's own registry)."),
    url: external_exports.string().min(1).optional().describe("Registry URL: a store remote (default `artifacts.remote`), the Hub or the MLflow tracking server."),
    repo: external_exports.string().min(1).optional().describe("Hugging Face repository id, e.g. acme/support-bot."),
    tokenEnv: envName.optional().describe("Variable holding the registry token (HF_TOKEN, MLFLOW_TRACKING_TOKEN)."),
    stage: external_exports.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/).optional().describe("Stage of a new version (default `staging`).")
  }).strict().optional().describe("The model registry."),
  pullRequest: external_exports.boolean().optional().describe("In Actions, open a pull request committing the new pointer files (default true).")
}).strict().describe("Training and fine-tuning jobs (fine-tune).");
var configSchema = external_exports.object({
  $schema: external_exports.string().optional().describe("JSON Schema reference for editors."),
  version: external_exports.literal(1).describe("Format version of this file. Only `1` exists."),
  artifacts: artifactsSchema.optional(),
  eval: evalSchema.optional(),
  build: buildSchema.optional(),
  deploy: deploySchema.optional(),
  monitor: monitorSchema.optional(),
  train: trainSchema.optional()
}).strict().meta({ title: "slipway.yml", description: "Slipway configuration: one section per capability; action inputs override it." });

// packages/config/lib/json-schema.js
function configJsonSchema() {
  return external_exports.toJSONSchema(configSchema, { target: "draft-2020-12", io: "input" });
}

// packages/config/lib/load.js
import { readFile } from "node:fs/promises";
import path from "node:path";

// packages/config/lib/parse-yaml.js
var import_yaml2 = __toESM(require_dist(), 1);

// packages/config/lib/internal/locate.js
var import_yaml = __toESM(require_dist(), 1);
function locate(doc, counter, path2, atKey = false) {
  let node = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path2.length; i++) {
    const segment = path2[i];
    if ((0, import_yaml.isMap)(node)) {
      const pair = node.items.find((p) => (0, import_yaml.isPair)(p) && (0, import_yaml.isScalar)(p.key) && String(p.key.value) === String(segment));
      if (!pair)
        break;
      const last = i === path2.length - 1;
      if (last && atKey) {
        offset = rangeStart(pair.key) ?? offset;
        break;
      }
      node = pair.value;
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
    } else if ((0, import_yaml.isSeq)(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === void 0)
        break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      break;
    }
  }
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
function rangeStart(node) {
  return (0, import_yaml.isNode)(node) && node.range ? node.range[0] : void 0;
}

// packages/config/lib/internal/schema-walk.js
function keysAt(schema, path2) {
  let node = schema;
  for (const seg of path2) {
    node = node && child(unwrap(node), seg);
  }
  const obj = node && unwrap(node);
  const def = obj?._zod.def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape).filter((k) => !k.startsWith("$")) : [];
}
function unwrap(schema) {
  let s = schema;
  for (let def = s._zod.def; (def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType; def = s._zod.def) {
    s = def.innerType;
  }
  return s;
}
function child(schema, seg) {
  const def = schema._zod.def;
  if (def.type === "object")
    return def.shape?.[String(seg)];
  if (def.type === "array")
    return def.element;
  return void 0;
}

// packages/config/lib/parse-yaml.js
function parseYamlWithSchema(schema, text, file, notAMapping = "the file must be a mapping of keys to values") {
  const counter = new import_yaml2.LineCounter();
  const doc = (0, import_yaml2.parseDocument)(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => ({
      location: { file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 },
      message: `invalid YAML: ${(e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}`
    })));
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError([{ location: { file, line: 1, column: 1 }, message: notAMapping }]);
  }
  const result = schema.safeParse(data);
  if (result.success)
    return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    const split = issue.code === "unrecognized_keys" ? issue.keys.map((k) => ({ ...issue, keys: [k] })) : [issue];
    return split.map((one) => {
      const unknownKey = one.code === "unrecognized_keys" ? one.keys[0] ?? "" : void 0;
      const at = unknownKey === void 0 ? locate(doc, counter, one.path) : locate(doc, counter, [...one.path, unknownKey], true);
      return { location: { file, line: at.line, column: at.column }, message: formatIssue(one, data, (p) => keysAt(schema, p)) };
    });
  });
  problems.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
  throw new ConfigError(problems);
}

// packages/config/lib/load.js
var CONFIG_FILE_NAMES = ["slipway.yml", "slipway.yaml"];
function parseConfig(text, file) {
  return parseYamlWithSchema(configSchema, text, file, "the file must be a mapping of sections (version: 1, artifacts: \u2026, eval: \u2026)");
}
async function loadConfig(options = {}) {
  const dir = path.resolve(options.dir ?? process.cwd());
  const candidates = options.file ? [path.resolve(dir, options.file)] : CONFIG_FILE_NAMES.map((n) => path.join(dir, n));
  for (const candidate of candidates) {
    let text;
    try {
      text = await readFile(candidate, "utf8");
    } catch (error) {
      if (error.code === "ENOENT" && !options.file)
        continue;
      const reason = error.code === "ENOENT" ? "no such file" : error.message;
      throw new ConfigError([{ location: { file: displayPath(candidate) }, message: `cannot read the configuration: ${reason}` }]);
    }
    return { config: parseConfig(text, displayPath(candidate)), file: candidate, dir: path.dirname(candidate) };
  }
  return { config: { version: 1 }, file: void 0, dir };
}
function displayPath(file) {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

// packages/config/lib/validate.js
async function validateConfig(rt, options) {
  const loaded = await loadConfig({ dir: rt.cwd, ...options.file ? { file: options.file } : {} });
  const sections = Object.keys(loaded.config).filter((k) => k !== "version" && k !== "$schema");
  rt.log.info(loaded.file ? `${loaded.file}: valid (sections: ${sections.join(", ") || "none"})` : "no slipway.yml found: defaults apply");
  return { file: loaded.file, sections };
}

export {
  metricSchema,
  canaryStepSchema,
  retireSchema,
  canaryStrategySchema,
  gatewayRouterSchema,
  sagemakerRouterSchema,
  rollingBackendSchema,
  rollingStrategySchema,
  kubernetesRouterSchema,
  closest,
  artifactsSchema,
  evalSchema,
  buildSchema,
  deploySchema,
  monitorSchema,
  trainSchema,
  configSchema,
  configJsonSchema,
  parseYamlWithSchema,
  CONFIG_FILE_NAMES,
  parseConfig,
  loadConfig,
  validateConfig
};
