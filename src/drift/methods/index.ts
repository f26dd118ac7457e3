export * from './types.js';
export * from './registry.js';
export { binnedShares, PER_VALUE_LIMIT, DEFAULT_PSI_BINS, type BinRule, type SharePair } from './shared-bins.js';
export { WASSERSTEIN_STD_FLOOR } from './order-based.js';
export { SHARE_FLOOR } from './binned-distances.js';
