import { z } from 'zod';
import { metricSchema } from './analysis/metric.js';

const duration = z.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$/, 'a duration such as 30s or 5m');

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

export const canaryStrategySchema = z
  .object({
    steps: z.array(canaryStepSchema).min(1),
    metrics: z.array(metricSchema).min(1),
    /** Family-wise false-rollback rate of each analysis step. */
    alpha: z.number().gt(0).lt(0.5).default(0.01),
    spending: z.enum(['pocock', 'obrien-fleming', 'linear']).default('pocock'),
    limits: z
      .object({ fail: z.number().int().min(0).default(0), error: z.number().int().min(0).default(1), inconclusive: z.number().int().min(0).default(0) })
      .strict()
      .default({ fail: 0, error: 1, inconclusive: 0 }),
    /** What an inconclusive analysis does: wait for a person, or act anyway. */
    onInconclusive: z.enum(['pause', 'rollback', 'promote']).default('pause'),
  })
  .strict();

export type CanaryStrategy = z.infer<typeof canaryStrategySchema>;
export type CanaryStrategyInput = z.input<typeof canaryStrategySchema>;
export type CanaryStep = z.infer<typeof canaryStepSchema>;

/** Milliseconds of a duration string the schema has already checked. */
export function durationToMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)].reduce((sum, m) => sum + Number(m[1]) * (units[m[2] as string] as number), 0);
}
