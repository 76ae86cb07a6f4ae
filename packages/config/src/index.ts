export { configJsonSchema } from './json-schema.js';
export type { LoadedConfig } from './load.js';
export { CONFIG_FILE_NAMES, loadConfig, parseConfig } from './load.js';
export type { SlipwayConfig } from './schema.js';
export { artifactsSchema, buildSchema, configSchema, deploySchema, evalSchema, monitorSchema, trainSchema } from './schema.js';
export type { ValidateResult } from './validate.js';
export { validateConfig } from './validate.js';
