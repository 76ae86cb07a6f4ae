// The AWS-backed parts, apart from the main entry so that importing @slipway/delivery does not load the AWS SDK.
export type { S3RolloutStoreOptions } from './s3-state.js';
export { S3RolloutStore } from './s3-state.js';
export type { SageMakerRouterOptions, SageMakerSettings } from './sagemaker/router.js';
export { SageMakerRouter } from './sagemaker/router.js';
