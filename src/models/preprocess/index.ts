export * from './feature-encoder.js';
export * from './label-encoder.js';
export * from './fingerprint.js';
export * from './unseen-categories.js';
