import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  BUCKETS,
  DEFAULT_CONFIG_FILE,
  ECS_VERSION,
  GatewayAdminClient,
  assign,
  backendForBucket,
  bucketOf,
  compileRoute,
  ecsAccessLine,
  ecsLogger,
  gatewayConfigJsonSchema,
  gatewayConfigSchema,
  loadGatewayConfig,
  parseGatewayConfig,
  parseListen,
  parseServeArgs,
  serveGateway,
  startGateway
} from "./chunk-BU3NVWCM.js";
import "./chunk-FZWWJKAS.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-LUQ2JWWH.js";
import "./chunk-66CZKWGL.js";
import "./chunk-I2UBCO3D.js";
export {
  BUCKETS,
  DEFAULT_CONFIG_FILE,
  ECS_VERSION,
  GatewayAdminClient,
  assign,
  backendForBucket,
  bucketOf,
  compileRoute,
  ecsAccessLine,
  ecsLogger,
  gatewayConfigJsonSchema,
  gatewayConfigSchema,
  loadGatewayConfig,
  parseGatewayConfig,
  parseListen as parseListenAddress,
  parseServeArgs,
  serveGateway,
  startGateway
};
