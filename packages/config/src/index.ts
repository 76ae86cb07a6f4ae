export {
  canaryStepSchema,
  canaryStrategySchema,
  gatewayRouterSchema,
  kubernetesRouterSchema,
  metricSchema,
  retireSchema,
  rollingBackendSchema,
  rollingStrategySchema,
  sagemakerRouterSchema,
} from './deploy.js';
export { closest } from './internal/format-issue.js';
export { configJsonSchema } from './json-schema.js';
export type { LoadedConfig } from './load.js';
export { CONFIG_FILE_NAMES, loadConfig, parseConfig } from './load.js';
export { parseYamlWithSchema } from './parse-yaml.js';
export type { SlipwayConfig } from './schema.js';
export { artifactsSchema, buildSchema, configSchema, deploySchema, evalSchema, monitorSchema, trainSchema } from './schema.js';
export type { ValidateResult } from './validate.js';
export { validateConfig } from './validate.js';
