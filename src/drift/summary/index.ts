export * from './numeric-summary.js';
export * from './categorical-summary.js';
export * from './histogram.js';
export * from './change-summary.js';
