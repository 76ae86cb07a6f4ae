import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  AlphaSpender,
  CanaryJudge,
  GatewayRollingTarget,
  GatewayRouter,
  GatewayStatsSource,
  MemoryRouter,
  OUTCOME_SEVERITY,
  OnlineEvalSource,
  PrometheusSource,
  ROUTER_KINDS,
  batchPlan,
  combineSources,
  deployCanary,
  gatewayPrometheusMetrics,
  isRemote,
  mannWhitneyTest,
  mirrorDecisions,
  openDeliveryStores,
  openFollowUp,
  readDeployInputs,
  readRollbackInputs,
  rollback,
  rollbackDeployment,
  rolloutMarkdown,
  runCanary,
  runRolling,
  selectRouter,
  spentAlpha,
  tokenF1,
  twoProportionTest,
  wilcoxonSignedRankTest
} from "./chunk-TUZRWNSS.js";
import {
  median,
  normalCdf,
  normalQuantile,
  normalSf,
  quantile
} from "./chunk-YV4XVOQ2.js";
import {
  ManualClock,
  durationToMs,
  systemClock
} from "./chunk-2XW6KGEI.js";
import {
  ConflictError,
  FolderRolloutStore
} from "./chunk-HHQKCUDB.js";
import {
  canaryStepSchema,
  canaryStrategySchema,
  metricSchema
} from "./chunk-TLULELRW.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-2QBGQJ63.js";
import "./chunk-KLXUE6LA.js";
import "./chunk-DKPQSRRK.js";
import "./chunk-YBT4ARCR.js";
import "./chunk-LUQ2JWWH.js";
import "./chunk-V3AZTN5L.js";
import "./chunk-I2UBCO3D.js";
export {
  AlphaSpender,
  CanaryJudge,
  ConflictError,
  FolderRolloutStore,
  GatewayRollingTarget,
  GatewayRouter,
  GatewayStatsSource,
  ManualClock,
  MemoryRouter,
  OUTCOME_SEVERITY,
  OnlineEvalSource,
  PrometheusSource,
  ROUTER_KINDS,
  batchPlan,
  canaryStepSchema,
  canaryStrategySchema,
  combineSources,
  deployCanary,
  durationToMs,
  gatewayPrometheusMetrics,
  isRemote,
  mannWhitneyTest,
  median,
  metricSchema,
  mirrorDecisions,
  normalCdf,
  normalQuantile,
  normalSf,
  openDeliveryStores,
  openFollowUp,
  quantile,
  readDeployInputs,
  readRollbackInputs,
  rollback,
  rollbackDeployment,
  rolloutMarkdown,
  runCanary,
  runRolling,
  selectRouter,
  spentAlpha,
  systemClock,
  tokenF1,
  twoProportionTest,
  wilcoxonSignedRankTest
};
