import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  CONFIG_FILE_NAMES,
  artifactsSchema,
  buildSchema,
  canaryStepSchema,
  canaryStrategySchema,
  closest,
  configJsonSchema,
  configSchema,
  deploySchema,
  evalSchema,
  gatewayRouterSchema,
  kubernetesRouterSchema,
  loadConfig,
  metricSchema,
  monitorSchema,
  parseConfig,
  parseYamlWithSchema,
  retireSchema,
  rollingBackendSchema,
  rollingStrategySchema,
  sagemakerRouterSchema,
  trainSchema,
  validateConfig
} from "./chunk-EBUQ6LDA.js";
import "./chunk-LUQ2JWWH.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-ZD6MUNFK.js";
import "./chunk-I2UBCO3D.js";
export {
  CONFIG_FILE_NAMES,
  artifactsSchema,
  buildSchema,
  canaryStepSchema,
  canaryStrategySchema,
  closest,
  configJsonSchema,
  configSchema,
  deploySchema,
  evalSchema,
  gatewayRouterSchema,
  kubernetesRouterSchema,
  loadConfig,
  metricSchema,
  monitorSchema,
  parseConfig,
  parseYamlWithSchema,
  retireSchema,
  rollingBackendSchema,
  rollingStrategySchema,
  sagemakerRouterSchema,
  trainSchema,
  validateConfig
};
