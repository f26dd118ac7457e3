/** Driftwatch's config file: its schema, composed from the names each module exports, and its loader. */
export { configSchema, type DriftwatchConfig } from './schema.js';
export { loadConfig, parseConfig, parseConfigFile, type LoadedConfig } from './load-config.js';
export { detectConfigFormat, driftMonitorSchema, fromDriftMonitor, type ConfigFormat, type DriftMonitorConfig, type MappedConfig } from './drift-monitor-config.js';
export { serverConfigSchema, type ServerConfig } from './server-config.js';
export { pipelineConfigOf } from './pipeline-of.js';
