/** Driftwatch's public library API. */
export * from './core/index.js';
