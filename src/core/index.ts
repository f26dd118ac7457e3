export * from './clock.js';
export * from './error-codes.js';
export * from './errors.js';
export * from './rng.js';
export * from './version.js';
export * from './did-you-mean.js';
export * as ascii from './ascii.js';
