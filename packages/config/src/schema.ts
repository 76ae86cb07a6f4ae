import { z } from 'zod';
import { canaryStrategySchema, gatewayRouterSchema, kubernetesRouterSchema, rollingStrategySchema, sagemakerRouterSchema } from './deploy.js';

// Keys are camelCase; action inputs are their kebab-case twins (`jobs`, `prometheus-url`).
// Every object is strict: a misspelt key is an error, not a silently ignored setting.

const duration = z
  .string()
  .regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'a duration with a unit, such as 90s, 5m or 1h30m')
  .meta({ examples: ['90s', '5m'] });

const remoteUrl = z
  .string()
  .regex(/^(file|s3):\/\/.+/, 'a remote URL: file://path or s3://bucket/prefix')
  .meta({ examples: ['file://../slipway-remote', 's3://my-bucket/models'] });

const relPath = z.string().min(1);

export const artifactsSchema = z
  .object({
    remote: remoteUrl.optional().describe('Where artifact content is stored. `file://…` (relative to this file) or `s3://bucket/prefix`.'),
    paths: z.array(relPath).optional().describe('Files and folders to version outside git; each gets a `.dvc` pointer beside it.'),
    jobs: z.number().int().min(1).max(256).optional().describe('Parallel transfers.'),
    cache: relPath.optional().describe('Local object cache folder (default `.slipway/cache`).'),
    s3: z
      .object({
        region: z.string().min(1).optional().describe('AWS region of the bucket (default: the credential chain, else us-east-1).'),
        endpoint: z.url().optional().describe('Custom endpoint of an S3-compatible store (MinIO, R2, Ceph).'),
        pathStyle: z.boolean().optional().describe('Address the bucket by path, not by host name (default true with a custom endpoint).'),
        sse: z.enum(['AES256', 'aws:kms', 'aws:kms:dsse']).optional().describe('Server-side encryption for uploaded objects.'),
        sseKmsKeyId: z.string().min(1).optional().describe('KMS key for `sse: aws:kms`.'),
      })
      .strict()
      .optional()
      .describe('Options for an `s3://` remote.'),
  })
  .strict()
  .describe('Model and data files versioned outside git (artifact-sync).');

export const evalSchema = z
  .object({
    suites: z.array(relPath).optional().describe('Eval suite files to run.'),
    concurrency: z.number().int().min(1).max(1024).optional().describe('Requests in flight per provider.'),
    timeout: duration.optional().describe('Timeout for one model call.'),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Baseline: a results file or folder, `store:<key>` (results pushed under a key to the artifact store), `env:<environment>` (the release live there), or `provider:<label>` for a baseline provider run in the same job.',
      ),
    alpha: z.number().gt(0).lt(1).optional().describe('Significance level of the regression tests (default 0.05).'),
    passRateFloor: z.number().min(0).max(1).optional().describe('The gate fails when the pass rate is below this (0–1).'),
    repeats: z.number().int().min(1).max(100).optional().describe('Samples per test for non-deterministic models.'),
    adaptiveRepeats: z.number().int().min(2).max(100).optional().describe('Rerun only borderline tests up to this many samples.'),
    staleDays: z.number().int().min(1).optional().describe('Warn when the baseline is older than this many days (default 14).'),
    cache: z.enum(['use', 'off', 'only']).optional().describe('Response cache: use, off (--no-cache), only (--cache-only: replay, never call a model).'),
    cacheDir: relPath.optional().describe('Response cache folder (default `.slipway/eval-cache`).'),
    outDir: relPath.optional().describe('Where results and reports are written (default `.slipway/eval`).'),
    judge: z.string().min(1).optional().describe('Judge provider for llm-rubric, e.g. `openai:chat:gpt-4o-mini`.'),
    embeddings: z.string().min(1).optional().describe('Embeddings provider for semantic similarity.'),
    budgets: z
      .object({
        cost: z.number().positive().optional().describe('Stop cleanly once this many USD are spent.'),
        time: duration.optional().describe('Stop cleanly after this long.'),
      })
      .strict()
      .optional()
      .describe('Budgets that stop a run cleanly with partial results.'),
  })
  .strict()
  .describe('LLM regression tests that gate pull requests (eval).');

const copySpec = z.union([
  relPath,
  z.object({ source: relPath.describe('File or folder, relative to slipway.yml.'), dest: z.string().min(1).describe('Path in the image.') }).strict(),
]);

export const buildSchema = z
  .object({
    engine: z.enum(['auto', 'assemble', 'buildah', 'buildx']).optional().describe('How the image is built.'),
    image: z.string().min(1).optional().describe('Image reference to push, e.g. `ghcr.io/acme/support-bot`.'),
    dockerfile: relPath.optional().describe('Dockerfile for the buildah and buildx engines.'),
    context: relPath.optional().describe('Build context folder.'),
    tags: z
      .array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a tag: letters, digits, _ . -'))
      .optional()
      .describe('Tags to push the image under, besides the one in `image`.'),
    base: z.string().min(1).optional().describe('assemble: base image reference (tag or `@sha256:` digest), or `scratch` (default).'),
    rootfs: relPath
      .optional()
      .describe(
        "assemble: a folder laid out as the image's root (files, folders, symbolic links), or a .tar/.tar.gz of one, made into one layer under the app: a base built from files.",
      ),
    app: z.array(copySpec).optional().describe('assemble: app files and folders, one layer. A string `p` goes to `/app/p`.'),
    weights: z.array(copySpec).optional().describe('assemble: model weight files and folders, one layer per file. A string `p` goes to `/models/p`.'),
    entrypoint: z.array(z.string()).optional().describe('assemble: the image entrypoint.'),
    cmd: z.array(z.string()).optional().describe('assemble: default arguments.'),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string())
      .optional()
      .describe('assemble: environment variables.'),
    ports: z
      .array(z.union([z.number().int().min(1).max(65535), z.string().regex(/^\d{1,5}(\/(tcp|udp))?$/)]))
      .optional()
      .describe('assemble: exposed ports, e.g. 8080 or 8080/udp.'),
    user: z.string().min(1).optional().describe('assemble: user (and group) the process runs as.'),
    workdir: z.string().min(1).optional().describe('assemble: working directory.'),
    labels: z.record(z.string().min(1), z.string()).optional().describe('Image labels (the OCI source, revision and created labels are added).'),
    platform: z
      .string()
      .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'os/architecture[/variant]')
      .optional()
      .describe('Target platform, e.g. `linux/amd64`.'),
    buildArgs: z.record(z.string(), z.string()).optional().describe('buildah/buildx: build arguments.'),
    layout: relPath.optional().describe('Also write the image as an OCI layout folder here.'),
    insecureRegistries: z.array(z.string().min(1)).optional().describe('Registries reached over plain HTTP (loopback ones always are).'),
    concurrency: z.number().int().min(1).max(64).optional().describe('Layers uploaded in parallel (default 4).'),
    attest: z.boolean().optional().describe('Attach an SPDX SBOM and SLSA provenance to pushed images (default true).'),
    sign: z.boolean().optional().describe('Sign pushed images with cosign when it is installed and `COSIGN_KEY` or an OIDC token is there (default true).'),
  })
  .strict()
  .describe('The container image of the LLM service (container-build).');

export const deploySchema = z
  .object({
    environment: z.string().min(1).optional().describe('Target environment, e.g. `production`.'),
    router: z.enum(['gateway', 'kubernetes', 'sagemaker']).optional().describe('What moves the traffic.'),
    strategy: z.enum(['canary', 'blue-green', 'rolling']).optional().describe('How the new version takes over.'),
    canary: canaryStrategySchema.optional().describe('Steps and metrics of a canary rollout.'),
    gateway: gatewayRouterSchema.optional().describe('The gateway that moves the traffic (router: gateway).'),
    kubernetes: kubernetesRouterSchema.optional().describe('The Kubernetes resource whose weights move, and Deployments for rolling (router: kubernetes).'),
    sagemaker: sagemakerRouterSchema.optional().describe('The SageMaker endpoint whose variant weights move (router: sagemaker).'),
    rolling: rollingStrategySchema.optional().describe('Batches of a rolling release (strategy: rolling).'),
    state: z.string().min(1).optional().describe('Where rollout state and release history live: a folder (default `.slipway/state`) or `s3://bucket/prefix`.'),
  })
  .strict()
  .describe('Progressive delivery and rollback (canary-promote, rollback).');

export const monitorSchema = z
  .object({
    environment: z.string().min(1).optional().describe('Environment watched (default `deploy.environment`, else production).'),
    source: z.enum(['gateway', 'prometheus']).optional().describe('Where metrics are read from: the gateway stats API (default) or Prometheus.'),
    prometheusUrl: z.url().optional().describe('Prometheus HTTP API base URL.'),
    selector: z
      .string()
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*(=|!=|=~|!~)"[^"]*")*$/, 'label matchers such as slipway_route="support-bot"')
      .optional()
      .describe('Prometheus label matchers added to every query, e.g. `slipway_route="support-bot"`.'),
    window: duration.optional().describe('How far back each SLO check looks (default 5m).'),
    slos: z
      .object({
        latencyP95: duration.optional().describe('95th percentile of request latency, e.g. `2s`.'),
        ttftP95: duration.optional().describe('95th percentile of time to first token (streams), e.g. `800ms`.'),
        errorRate: z.number().min(0).max(1).optional().describe('Share of failed requests, e.g. 0.02.'),
        tokensPerRequest: z.number().positive().optional().describe('Mean input plus output tokens per request.'),
        costPerHour: z.number().positive().optional().describe('USD per hour at the current rate (from the backends\u2019 prices).'),
        costPerDay: z.number().positive().optional().describe('USD per day at the current rate: the daily budget.'),
        warnAt: z.number().gt(0).lt(1).optional().describe('Warn when a value passes this share of its objective (default 0.8).'),
        minRequests: z.number().int().min(1).optional().describe('Fewer requests in the window: "sample too small", no verdict (default 20).'),
      })
      .strict()
      .optional()
      .describe('Service-level objectives; each is checked when set.'),
    anomaly: z
      .object({
        method: z.enum(['robust-z', 'ewma', 'off']).optional().describe('How the current window is compared with the trailing ones (default robust-z).'),
        baselineWindows: z.number().int().min(3).max(1000).optional().describe('Trailing windows that form the baseline (default 12).'),
        threshold: z.number().positive().optional().describe('Score above which a value is anomalous (default 4).'),
        severity: z.enum(['warn', 'breach']).optional().describe('What an anomaly alone makes the verdict (default warn).'),
      })
      .strict()
      .optional()
      .describe('Anomalies against the trailing baseline.'),
    drift: z
      .object({
        requestLog: z
          .string()
          .min(1)
          .optional()
          .describe('Where sampled exchanges come from: `gateway` (its /admin/requests) or a JSONL file of the gateway request log.'),
        reference: z.string().min(1).optional().describe('The reference: a JSONL file (a fixed dataset), or `first-day` (the first 24 h of the log).'),
        window: duration.optional().describe('Current exchanges: the last this long of the log (default 1h).'),
        alpha: z.number().gt(0).lt(0.5).optional().describe('Family-wise false-alarm rate of all drift tests together (default 0.01).'),
        minSamples: z.number().int().min(10).optional().describe('Fewer exchanges on either side: "sample too small" (default 50).'),
        permutations: z.number().int().min(99).max(100_000).optional().describe('Most label shuffles per permutation test (default 2000).'),
        refusalPatterns: z.array(z.string().min(1)).optional().describe('Extra regular expressions that mark an answer as a refusal.'),
        embeddings: z
          .object({
            url: z.url().describe('OpenAI-compatible base URL (…/v1) with an /embeddings endpoint.'),
            model: z.string().min(1).describe('Embedding model name.'),
            apiKeyEnv: z
              .string()
              .regex(/^[A-Z_][A-Z0-9_]*$/)
              .optional()
              .describe('Environment variable holding its API key.'),
          })
          .strict()
          .optional()
          .describe('Turns on embedding drift (MMD with a permutation test).'),
      })
      .strict()
      .optional()
      .describe('Drift of prompts and answers against a reference.'),
    alerts: z
      .object({
        issue: z.boolean().optional().describe('Open (or update) one GitHub issue per incident (default true).'),
        labels: z.array(z.string().min(1)).optional().describe('Labels of the incident issue (default slipway-incident).'),
        check: z.boolean().optional().describe('Create a check run with the verdict (default true).'),
        webhookEnv: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/)
          .optional()
          .describe('Environment variable holding a Slack-compatible webhook URL.'),
      })
      .strict()
      .optional()
      .describe('Where a warn or breach is reported.'),
    onBreach: z.enum(['none', 'rollback']).optional().describe('`rollback` sends traffic back to the last healthy release on a breach.'),
  })
  .strict()
  .describe('SLOs, anomalies, drift and alerts on live traffic (monitor).');

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const paramName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a parameter name: letters, digits, _ . -');
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
const s3Url = z.string().regex(/^s3:\/\/[^/]+/, 's3://bucket/prefix');

export const trainSchema = z
  .object({
    command: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The command that trains the model on the runner (launcher `command`). `{output}`, `{train}`, `{validation}`, `{name}` and `{<parameter>}` are replaced, shell-quoted.',
      ),
    data: z.array(relPath).optional().describe('Training data (JSONL: chat, prompt/completion, or messages + expected), checked before training.'),
    evalData: z.array(relPath).optional().describe('Held-out data: checked too, and compared with the training data for leakage.'),
    output: relPath.optional().describe('Folder the trained model is written to; versioned with a `.dvc` pointer.'),
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a model name: letters, digits, . _ -')
      .optional()
      .describe('Model name in the registry (default: the output folder name).'),
    format: z.enum(['chat', 'completion', 'exchange']).optional().describe('Data format (default: detected per file).'),
    baseModel: z.string().min(1).optional().describe('The model being fine-tuned: picks the tokenizer and the price; required by `launcher: openai`.'),
    epochs: z.number().int().min(1).max(100).optional().describe('Epochs, for the cost estimate (default 3).'),
    launcher: z.enum(['command', 'openai', 'sagemaker', 'kubernetes']).optional().describe('Where training runs (default `command`).'),
    timeout: duration.optional().describe('Fail the training job after this long.'),
    params: z.record(paramName, scalar).optional().describe('Fixed hyperparameters; a sweep leg overrides them.'),
    checks: z
      .object({
        validationSplit: z
          .number()
          .min(0)
          .max(0.5)
          .optional()
          .describe('Share of the training data held out for validation by a stable hash split (default 0: no split).'),
        nearDuplicateThreshold: z
          .number()
          .min(0.5)
          .max(1)
          .optional()
          .describe('Estimated Jaccard similarity from which two examples are near duplicates (default 0.85).'),
        maxDuplicateRate: z.number().min(0).max(1).optional().describe('Refuse the data above this share of duplicates (default 0.2).'),
        pii: z.enum(['warning', 'error', 'off']).optional().describe('Personal data in the data: a warning (default), an error, or not looked for.'),
        maxTokensPerExample: z.number().int().min(1).optional().describe('Examples longer than this many tokens are errors.'),
        pricePerMillion: z.number().positive().optional().describe('USD per million training tokens, for the cost estimate (default: known OpenAI prices).'),
      })
      .strict()
      .optional()
      .describe('Data checks before training.'),
    evaluate: z
      .object({
        command: z.string().min(1).optional().describe('Prints JSON metrics for the model in `{output}`.'),
        serve: z.string().min(1).optional().describe('Serves the model in `{output}` and prints its URL; the suites run against it.'),
        urlEnv: envName.optional().describe('Variable that carries the served URL to the suites (default `MODEL_URL`).'),
        suites: z.array(relPath).optional().describe('Eval suites run against the served model (default `eval.suites`).'),
        metric: z
          .string()
          .min(1)
          .optional()
          .describe('What select-best ranks by: `pass-rate`, `score`, a suite metric (`rouge-l`), or a metric the commands print (default `pass-rate`).'),
        goal: z.enum(['maximize', 'minimize']).optional().describe('Whether a higher or a lower metric is better (default maximize).'),
      })
      .strict()
      .optional()
      .describe('How each trained model is evaluated.'),
    sweep: z
      .object({
        method: z.enum(['grid', 'random']).optional().describe('Grid (every combination, sampled down to the budget) or random search (default grid).'),
        budget: z.number().int().min(1).max(256).optional().describe('At most this many legs (a GitHub matrix holds 256).'),
        seed: z.number().int().optional().describe('Seed of the sampling, so the same spec gives the same legs.'),
        parameters: z
          .record(
            paramName,
            z.union([
              z.array(scalar).min(1),
              z
                .object({
                  min: z.number(),
                  max: z.number(),
                  scale: z.enum(['linear', 'log']).optional(),
                  integer: z.boolean().optional(),
                })
                .strict(),
            ]),
          )
          .describe('Values to try per hyperparameter: a list, or a range for random search.'),
      })
      .strict()
      .optional()
      .describe('Hyperparameter sweep: one GitHub Actions matrix leg per point.'),
    openai: z
      .object({
        baseUrl: z.url().optional().describe('API base URL with /v1 (default https://api.openai.com/v1).'),
        apiKeyEnv: envName.optional().describe('Variable holding the API key (default OPENAI_API_KEY).'),
        pollInterval: duration.optional().describe('How often the job is read (default 15s).'),
      })
      .strict()
      .optional()
      .describe('`launcher: openai`: OpenAI fine-tuning.'),
    sagemaker: z
      .object({
        region: z.string().min(1).describe('AWS region.'),
        endpoint: z.url().optional().describe('Custom SageMaker endpoint.'),
        s3Endpoint: z.url().optional().describe('Custom S3 endpoint for the data upload (MinIO and other S3-compatible stores).'),
        roleArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/, 'an IAM role ARN')
          .describe('Role SageMaker assumes.'),
        image: z.string().min(1).describe('Training image URI.'),
        instanceType: z.string().regex(/^ml\./, 'an ml.* instance type').describe('e.g. ml.g5.2xlarge.'),
        instanceCount: z.number().int().min(1).optional().describe('Instances (default 1).'),
        volumeSizeGb: z.number().int().min(1).optional().describe('EBS volume per instance (default 50).'),
        inputS3: s3Url.describe('Prefix the checked data is uploaded under: `<job>/train/` and `<job>/validation/` become the channels.'),
        outputS3: s3Url.describe('Where SageMaker writes model.tar.gz.'),
        pollInterval: duration.optional().describe('How often the job is read (default 30s).'),
      })
      .strict()
      .optional()
      .describe('`launcher: sagemaker`: a SageMaker training job.'),
    kubernetes: z
      .object({
        apiServer: z.url().optional().describe('API server URL (default: in-cluster).'),
        tokenEnv: envName.optional().describe('Variable holding the bearer token (default: the pod service account).'),
        namespace: z
          .string()
          .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace name')
          .describe('Namespace of the job.'),
        image: z.string().min(1).describe('Training image.'),
        command: z.array(z.string()).min(1).describe('Container command and arguments.'),
        kind: z.enum(['job', 'pytorchjob']).optional().describe('batch/v1 Job (default) or Kubeflow PyTorchJob.'),
        workers: z.number().int().min(0).optional().describe('PyTorchJob workers besides the master.'),
        gpus: z.number().int().min(0).optional().describe('GPUs per pod.'),
        outputUri: z.string().min(1).optional().describe('Where the job writes the model; recorded as its location.'),
        dataS3: s3Url.optional().describe('Upload the checked data under this prefix; pods get SLIPWAY_TRAIN_URI and SLIPWAY_VALIDATION_URI.'),
        s3Endpoint: z.url().optional().describe('Custom S3 endpoint for the data upload.'),
        pollInterval: duration.optional().describe('How often the job is read (default 10s).'),
      })
      .strict()
      .optional()
      .describe('`launcher: kubernetes`: a Job or PyTorchJob.'),
    registry: z
      .object({
        type: z
          .enum(['store', 'huggingface', 'mlflow'])
          .optional()
          .describe("Where models are registered (default `store`: the artifact store's own registry)."),
        url: z.string().min(1).optional().describe('Registry URL: a store remote (default `artifacts.remote`), the Hub or the MLflow tracking server.'),
        repo: z.string().min(1).optional().describe('Hugging Face repository id, e.g. acme/support-bot.'),
        tokenEnv: envName.optional().describe('Variable holding the registry token (HF_TOKEN, MLFLOW_TRACKING_TOKEN).'),
        stage: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_-]*$/)
          .optional()
          .describe('Stage of a new version (default `staging`).'),
      })
      .strict()
      .optional()
      .describe('The model registry.'),
    pullRequest: z.boolean().optional().describe('In Actions, open a pull request committing the new pointer files (default true).'),
  })
  .strict()
  .describe('Training and fine-tuning jobs (fine-tune).');

/** The whole `slipway.yml`. */
export const configSchema = z
  .object({
    $schema: z.string().optional().describe('JSON Schema reference for editors.'),
    version: z.literal(1).describe('Format version of this file. Only `1` exists.'),
    artifacts: artifactsSchema.optional(),
    eval: evalSchema.optional(),
    build: buildSchema.optional(),
    deploy: deploySchema.optional(),
    monitor: monitorSchema.optional(),
    train: trainSchema.optional(),
  })
  .strict()
  .meta({ title: 'slipway.yml', description: 'Slipway configuration: one section per capability; action inputs override it.' });

export type SlipwayConfig = z.infer<typeof configSchema>;
