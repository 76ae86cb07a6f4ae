export { binomialSf, logGamma, normalCdf, normalQuantile, normalSf } from './distributions.js';
