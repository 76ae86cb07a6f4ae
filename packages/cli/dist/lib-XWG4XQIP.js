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
} from "./chunk-FL5CXB3E.js";
import "./chunk-GQTYVFXW.js";
import "./chunk-BU3NVWCM.js";
import {
  ManualClock,
  durationToMs,
  systemClock
} from "./chunk-KF4PDUCQ.js";
import "./chunk-KLXUE6LA.js";
import {
  ConflictError,
  FolderRolloutStore
} from "./chunk-HHQKCUDB.js";
import {
  median,
  normalCdf,
  normalQuantile,
  normalSf,
  quantile
} from "./chunk-YV4XVOQ2.js";
import {
  canaryStepSchema,
  canaryStrategySchema,
  metricSchema
} from "./chunk-FZWWJKAS.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-EAOUHZ3V.js";
import "./chunk-LUQ2JWWH.js";
import "./chunk-66CZKWGL.js";
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
