export * from './normal.js';
export * from './gamma.js';
export * from './chi2.js';
export * from './kolmogorov.js';
export * from './beta.js';
export * from './student-t.js';
