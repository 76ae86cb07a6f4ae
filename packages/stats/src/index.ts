export { median, quantile } from './descriptive.js';
export { binomialSf, logGamma, normalCdf, normalQuantile, normalSf } from './distributions.js';
export { mulberry32 } from './random.js';
