import { expect, it } from 'vitest';
import { monitorConfigSchema, resolveMonitorSettings, windowQueryAt } from './config.js';

it('resolves defaults: the last 1,000 rows every 300 s, no retention, nothing redacted', () => {
  expect(resolveMonitorSettings()).toEqual({ window: { kind: 'count', size: 1000 }, intervalMs: 300_000, minRows: 50, retention: { maxAgeDays: null, maxRows: null }, redact: [] });
  expect(resolveMonitorSettings({ window: { kind: 'day' } }).window).toEqual({ kind: 'day', size: 1 });
});

it('windows by count or by time from the rows\' timestamps', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  expect(windowQueryAt({ kind: 'count', size: 500 }, now)).toEqual({ last: 500 });
  expect(windowQueryAt({ kind: 'hour', size: 2 }, now)).toEqual({ fromMs: now - 7_200_000, toMs: now + 1 });
  expect(windowQueryAt({ kind: 'week', size: 1 }, now)).toEqual({ fromMs: now - 7 * 86_400_000, toMs: now + 1 });
});

it('says what a bad value must be', () => {
  const issues = (v: unknown) => monitorConfigSchema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(issues({ window: { kind: 'count', size: 0 } })).toEqual(['window.size: must be a whole number of at least 1']);
  expect(issues({ interval_s: -1 })).toEqual(['interval_s: must be a positive number']);
  expect(issues({ retention: { max_rows: 1.5 } })).toEqual(['retention.max_rows: must be a whole number of at least 1']);
  expect(issues({ redact: 'email' })).toEqual(['redact: must be a list of feature names']);
  expect(issues({ window: 3 })).toEqual(['window: must be a mapping (kind, size)']);
  expect(monitorConfigSchema.safeParse({ window: { kind: 'hour', size: 6 }, interval_s: 60, retention: { max_age_days: 30 }, redact: ['email'] }).success).toBe(true);
});
