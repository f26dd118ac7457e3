/** Pure numerics on typed arrays: special functions, two-sample tests, distances, corrections. */
export * from './types.js';
export * from './special/index.js';
export * from './ks-test.js';
export * from './chi2-homogeneity.js';
export * from './chi2-gof.js';
export * from './z-test.js';
export * from './fisher-exact.js';
export * from './corrections.js';
export * from './wasserstein.js';
export * from './energy-distance.js';
export * from './cramer-von-mises.js';
export * from './anderson-ksamp.js';
export * from './mann-whitney.js';
export * from './t-test.js';
export * from './binning.js';
export * from './divergences.js';
export { scanSortedPair, type SortedPairScan } from './sorted-pair-scan.js';
