import { z } from 'zod';

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
  })
  .strict()
  .describe('Model and data files versioned outside git (artifact-sync).');

export const evalSchema = z
  .object({
    suites: z.array(relPath).optional().describe('Eval suite files to run.'),
    concurrency: z.number().int().min(1).max(1024).optional().describe('Requests in flight per provider.'),
    timeout: duration.optional().describe('Timeout for one model call.'),
  })
  .strict()
  .describe('LLM regression tests that gate pull requests (eval).');

export const buildSchema = z
  .object({
    engine: z.enum(['auto', 'assemble', 'buildah', 'buildx']).optional().describe('How the image is built.'),
    image: z.string().min(1).optional().describe('Image reference to push, e.g. `ghcr.io/acme/support-bot`.'),
    dockerfile: relPath.optional().describe('Dockerfile for the buildah and buildx engines.'),
    context: relPath.optional().describe('Build context folder.'),
  })
  .strict()
  .describe('The container image of the LLM service (container-build).');

export const deploySchema = z
  .object({
    environment: z.string().min(1).optional().describe('Target environment, e.g. `production`.'),
    router: z.enum(['gateway', 'kubernetes', 'sagemaker']).optional().describe('What moves the traffic.'),
    strategy: z.enum(['canary', 'blue-green', 'rolling']).optional().describe('How the new version takes over.'),
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
