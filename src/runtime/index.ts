/** The composition root: where the registries' names meet (the config schema) and implementations are picked. */
export * from './config/index.js';
export { createRuntime, type Runtime, type RuntimeOptions, type RuntimeRole, type RuntimeQueue, type RuntimeAlerter, type RuntimeMonitor, MONITOR_CHECK_KIND, RETENTION_PRUNE_KIND, recordCheck } from './create-runtime.js';
export { createRetraining, PIPELINE_RUN_KIND, type Retraining, type RetrainRequest } from './retraining.js';
export { createProductionModels, type ProductionModels, type ServedModel } from './production-models.js';
export { createPredictionLog, type PredictionLog, type PredictionLogOptions, type RowWriter } from './prediction-log.js';
export { createServiceMetrics, type ServiceMetrics } from './metrics.js';
export { createLogger, REDACTED_PATHS, type Logger } from './logger.js';
export { generateApiKey, hashApiKey, KEY_PREFIX } from './api-keys.js';
