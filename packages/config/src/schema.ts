import { z } from 'zod';
import { canaryStrategySchema, gatewayRouterSchema } from './deploy.js';

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
    baseline: z.string().min(1).optional().describe('Baseline: a results file or folder, or `provider:<label>` for a baseline provider run in the same job.'),
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
    state: z.string().min(1).optional().describe('Where rollout state and release history live: a folder (default `.slipway/state`).'),
  })
  .strict()
  .describe('Progressive delivery and rollback (canary-promote, rollback).');

export const monitorSchema = z
  .object({
    source: z.enum(['gateway', 'prometheus']).optional().describe('Where metrics are read from.'),
    prometheusUrl: z.url().optional().describe('Prometheus HTTP API base URL.'),
    window: duration.optional().describe('How far back each check looks.'),
  })
  .strict()
  .describe('SLOs, drift and alerts on live traffic (monitor).');

export const trainSchema = z
  .object({
    command: z.string().min(1).optional().describe('The command that trains the model on the runner.'),
    data: z.array(relPath).optional().describe('Dataset files checked before training.'),
    output: relPath.optional().describe('Folder the trained model is written to.'),
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
