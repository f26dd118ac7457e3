/** Driftwatch's config file: its schema, composed from the names each module exports, and its loader. */
export { configSchema, type DriftwatchConfig } from './schema.js';
export { loadConfig, parseConfig, type LoadedConfig } from './load-config.js';
