import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../core/index.js';
import { resolvePipelineSettings } from './pipeline-config.js';
import { scheduleDue } from './schedule.js';
import { decideTrigger, type TriggerObservation } from './trigger-policy.js';
import { evaluateGates, gateFailure } from './gates.js';

const quiet: TriggerObservation = { manual: false, noModel: false, datasetDrift: false, driftShare: 0.05, severity: 'LOW', targetDrift: false, performance: null, driftAlerts: 0, scheduleDue: false };
const defaults = resolvePipelineSettings().triggers;

describe('pipeline settings', () => {
  it("default to the seed tools': random forest, 400 trees, depth 10, seed 42; reference + current; human approval before promotion; f1 and 0.05", () => {
    const s = resolvePipelineSettings();
    expect(s.trainer).toEqual({ kind: 'native', algo: 'rf', params: { n_estimators: 400, max_depth: 10 }, seed: 42 });
    expect(s.data.strategy).toBe('combined');
    expect(s.holdout).toEqual({ fraction: 0.2, seed: 42 });
    expect(s.approval).toEqual({ mode: 'human', where: 'before_promotion' });
    expect(s.triggers.performance).toEqual({ metric: 'f1', maxDrop: 0.05 });
    expect(s.triggers.datasetDrift && s.triggers.targetDrift).toBe(true);
  });
  it('an external command replaces the native learner', () => {
    expect(resolvePipelineSettings({ trainer: { command: 'python train.py --train {train} --out {model}', timeout_seconds: 60 } }).trainer).toEqual({ kind: 'command', command: 'python train.py --train {train} --out {model}', timeoutSeconds: 60 });
  });
});

describe('decideTrigger', () => {
  it('retrains on dataset drift, target drift or a performance drop by default, and says why', () => {
    expect(decideTrigger(quiet, defaults)).toMatchObject({ retrain: false, reasons: [] });
    expect(decideTrigger({ ...quiet, datasetDrift: true, driftShare: 0.4 }, defaults)).toMatchObject({ retrain: true, reasons: ['dataset_drift'] });
    expect(decideTrigger({ ...quiet, targetDrift: true }, defaults).reasons).toEqual(['target_drift']);
    const drop = decideTrigger({ ...quiet, performance: { metric: 'f1', recorded: 0.8, current: 0.7 } }, defaults);
    expect(drop.reasons).toEqual(['performance_drop']);
    expect(drop.explanation[0]).toMatch(/f1 dropped by 0\.1 \(from 0\.8 to 0\.7; allowed 0\.05\)/);
    expect(decideTrigger({ ...quiet, performance: { metric: 'f1', recorded: 0.8, current: 0.76 } }, defaults).retrain).toBe(false);
  });
  it('severity at or above a level, N drift alerts, the schedule and --force are policies too', () => {
    const p = resolvePipelineSettings({ triggers: { min_severity: 'MEDIUM', after_alerts: 3, schedule: '0 2 * * *', dataset_drift: false } }).triggers;
    expect(decideTrigger({ ...quiet, severity: 'MEDIUM' }, p).reasons).toEqual(['severity']);
    expect(decideTrigger({ ...quiet, severity: 'LOW' }, p).retrain).toBe(false);
    expect(decideTrigger({ ...quiet, datasetDrift: true }, p).retrain).toBe(false);
    expect(decideTrigger({ ...quiet, driftAlerts: 3 }, p).reasons).toEqual(['drift_alerts']);
    expect(decideTrigger({ ...quiet, scheduleDue: true }, p).reasons).toEqual(['schedule']);
    expect(decideTrigger({ ...quiet, manual: true }, p).reasons).toEqual(['manual']);
  });
  it('is pure: the same observation gives the same decision, and --force always retrains', () => {
    const obs = fc.record({
      manual: fc.boolean(), noModel: fc.boolean(), datasetDrift: fc.boolean(), driftShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      severity: fc.constantFrom('LOW', 'MEDIUM', 'HIGH', null), targetDrift: fc.boolean(),
      performance: fc.option(fc.record({ metric: fc.constant('f1'), recorded: fc.double({ min: 0, max: 1, noNaN: true }), current: fc.double({ min: 0, max: 1, noNaN: true }) })),
      driftAlerts: fc.nat(10), scheduleDue: fc.boolean(),
    }) as fc.Arbitrary<TriggerObservation>;
    fc.assert(fc.property(obs, (o) => {
      const a = decideTrigger(o, defaults);
      expect(decideTrigger(o, defaults)).toEqual(a);
      expect(a.retrain).toBe(a.reasons.length > 0);
      if (o.manual) expect(a.retrain).toBe(true);
    }));
  });
});

describe('scheduleDue (on a manual clock)', () => {
  it('is due once the cron time has passed since the last run', () => {
    const clock = manualClock('2026-12-01T01:00:00Z');
    const last = Date.parse('2026-12-01T00:30:00Z');
    expect(scheduleDue('0 2 * * *', last, clock.now())).toBe(false);
    clock.set('2026-12-01T02:00:00Z');
    expect(scheduleDue('0 2 * * *', last, clock.now())).toBe(true);
    expect(scheduleDue('0 2 * * *', clock.now(), clock.now())).toBe(false);
  });
  it('names a bad expression as a config error', () => {
    expect(() => scheduleDue('every day', null, 0)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('gates', () => {
  const gates = resolvePipelineSettings({ gates: { min: 0.7, max_drop_vs_champion: 0.02 } }).gates;
  it('records each gate with its values; the first failure is the reason', () => {
    const pass = evaluateGates({ metric: 'f1', challenger: 0.75, champion: 0.76, qualityFailures: [] }, gates);
    expect(pass.map((g) => [g.gate, g.passed])).toEqual([['floor', true], ['vs_champion', true], ['data_quality', true]]);
    expect(gateFailure(pass)).toBeNull();
    const fail = evaluateGates({ metric: 'f1', challenger: 0.72, champion: 0.76, qualityFailures: [] }, gates);
    expect(fail[1]).toMatchObject({ gate: 'vs_champion', passed: false, values: { challenger: 0.72, champion: 0.76, max_drop: 0.02 } });
    expect(gateFailure(fail)).toMatch(/^gate vs_champion failed/);
    expect(gateFailure(evaluateGates({ metric: 'f1', challenger: 0.9, champion: null, qualityFailures: ['column "x" is missing from the current data'] }, gates))).toMatch(/data_quality failed: column "x"/);
  });
});
