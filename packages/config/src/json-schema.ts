import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema of `slipway.yml`, for editors (`# yaml-language-server: $schema=…`) and the docs. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
