import { z } from 'zod';

// The rollout schema lives here, beside the rest of slipway.yml, so the config package stays at the
// bottom of the dependency graph; @slipway/delivery re-exports and runs it.

const duration = z.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'a duration with a unit, such as 30s or 5m');

/**
 * One metric of a canary analysis: what it compares and how much worse the canary may be.
 * `tolerance` is in the metric's own terms: absolute rate for proportions (0.005 = half a
 * point), relative for distributions (0.1 = 10% slower), points for paired scores.
 */
export const metricSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]*$/i, 'a name like error-rate'),
    test: z
      .enum(['proportion', 'distribution', 'paired'])
      .describe('proportion: error/refusal rates; distribution: latencies, lengths; paired: eval scores by case.'),
    direction: z.enum(['lower-is-better', 'higher-is-better']).default('lower-is-better'),
    tolerance: z.number().min(0).default(0).describe('How much worse the canary may be before it counts as a regression.'),
    minSample: z.number().int().min(1).default(100).describe('Canary samples needed before any verdict; fewer is inconclusive, never a failure.'),
    max: z.number().optional().describe("Absolute limit on the canary's own value (rate, `stat` of a distribution, mean score)."),
    min: z.number().optional().describe("Absolute floor on the canary's own value."),
    stat: z.enum(['mean', 'median', 'p90', 'p95', 'p99']).default('p95').describe('Which statistic of a distribution `max`/`min` apply to.'),
    dryRun: z.boolean().default(false).describe('Evaluate and report, but never act on it.'),
  })
  .strict();

/** One step of a canary: move traffic, wait, or judge. */
export const canaryStepSchema = z.union([
  z.object({ setWeight: z.number().min(0).max(100).describe('Percent of traffic on the canary.') }).strict(),
  z.object({ pause: z.union([duration, z.literal('approval')]).describe('Wait this long, or until approved.') }).strict(),
  z
    .object({
      analysis: z
        .object({
          duration: duration.describe('How long this analysis watches the canary.'),
          interval: duration.default('30s').describe('Time between looks.'),
          warmup: duration.default('0s').describe('Time before the first measurement counts.'),
        })
        .strict(),
    })
    .strict(),
]);

/** A canary rollout: steps, the metrics every analysis step judges, and how strict it is. */
export const canaryStrategySchema = z
  .object({
    steps: z.array(canaryStepSchema).min(1),
    metrics: z.array(metricSchema).min(1),
    alpha: z.number().gt(0).lt(0.5).default(0.01).describe('Family-wise false-rollback rate of each analysis step, however often it looks.'),
    spending: z
      .enum(['pocock', 'obrien-fleming', 'linear'])
      .default('pocock')
      .describe('How alpha is spent over an analysis: pocock stops bad canaries earliest.'),
    limits: z
      .object({ fail: z.number().int().min(0).default(0), error: z.number().int().min(0).default(1), inconclusive: z.number().int().min(0).default(0) })
      .strict()
      .default({ fail: 0, error: 1, inconclusive: 0 })
      .describe('How many looks of each outcome a metric may have before it decides the analysis.'),
    onInconclusive: z.enum(['pause', 'rollback', 'promote']).default('pause').describe('What an inconclusive analysis does.'),
  })
  .strict();

/** Our gateway as the traffic router. */
export const gatewayRouterSchema = z
  .object({
    adminUrl: z.url().describe('Admin listener of the gateway, e.g. http://127.0.0.1:8081.'),
    route: z.string().min(1).describe('The route whose weights move.'),
    stable: z.string().min(1).default('stable').describe('Backend name of the stable version.'),
    canary: z.string().min(1).default('canary').describe('Backend name of the canary version.'),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .default('SLIPWAY_GATEWAY_ADMIN_TOKEN')
      .describe('Environment variable holding the admin token.'),
  })
  .strict();
