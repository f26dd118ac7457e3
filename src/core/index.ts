export * from './errors.js';
export * from './rng.js';
export * from './version.js';
export * from './module-worker.js';
