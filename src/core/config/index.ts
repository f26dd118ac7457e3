/** The YAML config file: schema, loader and the names it accepts. */
export * from './names.js';
export * from './schema.js';
export * from './load-config.js';
export { closestMatch, editDistance } from './did-you-mean.js';
