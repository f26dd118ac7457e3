export * from './types.js';
export * from './options.js';
export * from './analyze.js';
