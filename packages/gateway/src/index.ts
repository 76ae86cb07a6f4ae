export type { RoutesView, RouteView } from './admin-client.js';
export { GatewayAdminClient } from './admin-client.js';
export type { AccessInfo } from './internal/access-log.js';
/** ECS JSON logging: the access-log line and a Logger writing the same shape. */
export { ECS_VERSION, ecsAccessLine } from './internal/access-log.js';
export type { ChangeRecord } from './internal/admin.js';
export type { BackendConfig, GatewayConfig, GatewayConfigInput, RouteConfig } from './internal/config.js';
export { gatewayConfigJsonSchema, gatewayConfigSchema, loadGatewayConfig, parseGatewayConfig, parseListen as parseListenAddress } from './internal/config.js';
export { ecsLogger } from './internal/ecs-logger.js';
export type { Gateway, GatewayOptions } from './internal/gateway.js';
export { startGateway } from './internal/gateway.js';
export type { RequestLogEntry } from './internal/request-log.js';
export type { AssignReason, CompiledRoute } from './internal/router.js';
export { assign, BUCKETS, backendForBucket, bucketOf, compileRoute } from './internal/router.js';
export type { ServeOptions } from './internal/serve.js';
/** The gateway as its own process (the container image's entry point): flags, ECS JSON logs, drain on a signal. */
export { DEFAULT_CONFIG_FILE, parseServeArgs, serveGateway } from './internal/serve.js';
export type { Quantiles, Sample, ShadowPair, StatsReport, VariantStats } from './internal/stats.js';
