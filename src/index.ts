/** Driftwatch's public library API. */
export * from './core/index.js';
export * from './data/index.js';
export * from './stats/index.js';
export * from './drift/index.js';
export * from './report/index.js';
export * from './metrics/index.js';
export * from './models/index.js';
export * from './workflows/index.js';
