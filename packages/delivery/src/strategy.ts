import { canaryStepSchema, canaryStrategySchema } from '@slipway/config';
import { UserError } from '@slipway/kit';
import type { z } from 'zod';

export { canaryStepSchema, canaryStrategySchema };

export type CanaryStrategy = z.infer<typeof canaryStrategySchema>;
export type CanaryStrategyInput = z.input<typeof canaryStrategySchema>;
export type CanaryStep = z.infer<typeof canaryStepSchema>;

/** Milliseconds of a duration string the schema has already checked. */
export function durationToMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)].reduce((sum, m) => sum + Number(m[1]) * (units[m[2] as string] as number), 0);
}

/** Validates a strategy given in code (slipway.yml is validated on load): the first problem, with its path, as one line. */
export function parseStrategy<T extends z.ZodType>(schema: T, input: unknown, what: string, hint: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UserError(`${what}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`, { hint });
}
