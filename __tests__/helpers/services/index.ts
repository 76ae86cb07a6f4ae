/** Real-service launchers for integration tests; see managed-process.ts for the shared life cycle. */
export { httpGet, type LaunchSpec, launchService, type ServiceHandle, tail } from './managed-process.js';
export { PID_DIR_ENV } from './pids.js';
export { freePort } from './ports.js';
export { PROMETHEUS_BIN, type PrometheusOptions, type PrometheusSample, type PrometheusService, queryPrometheus, startPrometheus } from './prometheus.js';
export { REGISTRY_BIN, type RegistryOptions, startRegistry } from './registry.js';
export { exportAwsCredentials, type S3Options, type S3Service, s3rverBin, startS3 } from './s3.js';
