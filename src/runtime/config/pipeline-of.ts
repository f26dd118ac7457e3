/** The retraining pipeline's settings as a config file makes them apply. */
import type { PipelineConfig } from '../../pipeline/pipeline-config.js';
import type { DriftwatchConfig } from './schema.js';

/**
 * The `pipeline:` section, with the seed tools' `retraining.enabled: false` applied: every trigger off, so
 * drift is still checked and recorded (by `driftwatch pipeline` and the service's monitor) but only a forced
 * run — `--force`, the retrain route — retrains.
 */
export function pipelineConfigOf(config: DriftwatchConfig): PipelineConfig {
  const pipeline = config.pipeline ?? {};
  if (config.retraining?.enabled !== false) return pipeline;
  return { ...pipeline, triggers: { dataset_drift: false, target_drift: false, performance: false } };
}
