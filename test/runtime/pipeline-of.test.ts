import { describe, expect, it } from 'vitest';
import { decideTrigger, resolvePipelineSettings } from '../../src/pipeline/index.js';
import { parseConfig, pipelineConfigOf } from '../../src/runtime/config/index.js';

const drifted = { manual: false, noModel: false, datasetDrift: true, driftShare: 0.6, severity: 'HIGH' as const, targetDrift: true, performance: { metric: 'f1', recorded: 0.9, current: 0.5 }, driftAlerts: 0, scheduleDue: false };

describe('pipelineConfigOf', () => {
  it('retraining.enabled: false turns every trigger off for the CLI and the service alike; a forced run still retrains', () => {
    const off = pipelineConfigOf(parseConfig('retraining: { enabled: false }\npipeline: { name: churn, triggers: { dataset_drift: true } }\n', 'driftwatch.yaml', '/base'));
    expect(off.name).toBe('churn');
    const triggers = resolvePipelineSettings(off).triggers;
    expect(decideTrigger(drifted, triggers).retrain).toBe(false);
    expect(decideTrigger({ ...drifted, manual: true }, triggers).retrain).toBe(true);
  });

  it('otherwise the pipeline section as written', () => {
    const cfg = parseConfig('retraining: { enabled: true }\npipeline: { name: churn }\n', 'driftwatch.yaml', '/base');
    expect(pipelineConfigOf(cfg)).toEqual({ name: 'churn' });
    expect(decideTrigger(drifted, resolvePipelineSettings(pipelineConfigOf(cfg)).triggers).retrain).toBe(true);
  });
});
