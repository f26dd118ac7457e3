/**
 * The `monitor:` section of the config file: which rows a check looks at (the last N rows, or the last
 * hour/day/week by the rows' own timestamps), how often checks run, how long logged rows are kept, and
 * which features are hashed before they are stored.
 */
import { z } from 'zod';

const positiveInt = z.number({ error: 'must be a whole number of at least 1' }).int({ error: 'must be a whole number of at least 1' }).min(1, { error: 'must be a whole number of at least 1' });
const positiveNumber = z.number({ error: 'must be a positive number' }).positive({ error: 'must be a positive number' });
const featureName = z.string({ error: 'must be a feature name' }).min(1, { error: 'must be a feature name' });

export const WINDOW_KINDS = ['count', 'hour', 'day', 'week'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export const monitorConfigSchema = z.strictObject(
  {
    window: z.strictObject(
      {
        kind: z.enum(WINDOW_KINDS).optional(),
        /** Rows for `count` (default 1,000); hours, days or weeks for the others (default 1). */
        size: positiveInt.optional(),
      },
      { error: 'must be a mapping (kind, size)' },
    ).optional(),
    /** Seconds between scheduled checks of each model (default 300). */
    interval_s: positiveNumber.optional(),
    /** A window with fewer rows is not checked (default 50): a handful of rows says nothing about drift. */
    min_rows: positiveInt.optional(),
    retention: z.strictObject(
      {
        max_age_days: positiveNumber.optional(),
        max_rows: positiveInt.optional(),
      },
      { error: 'must be a mapping (max_age_days, max_rows)' },
    ).optional(),
    /** Features hashed (salted SHA-256) before they are stored. */
    redact: z.array(featureName, { error: 'must be a list of feature names' }).optional(),
  },
  { error: 'must be a mapping (window, interval_s, min_rows, retention, redact)' },
);

export type MonitorConfig = z.output<typeof monitorConfigSchema>;

export interface MonitorSettings {
  readonly window: { readonly kind: WindowKind; readonly size: number };
  readonly intervalMs: number;
  readonly minRows: number;
  readonly retention: { readonly maxAgeDays: number | null; readonly maxRows: number | null };
  readonly redact: readonly string[];
}

export const DEFAULT_WINDOW_ROWS = 1000;
export const DEFAULT_INTERVAL_S = 300;
export const DEFAULT_MIN_ROWS = 50;

export function resolveMonitorSettings(config: MonitorConfig = {}): MonitorSettings {
  const kind = config.window?.kind ?? 'count';
  return {
    window: { kind, size: config.window?.size ?? (kind === 'count' ? DEFAULT_WINDOW_ROWS : 1) },
    intervalMs: (config.interval_s ?? DEFAULT_INTERVAL_S) * 1000,
    minRows: config.min_rows ?? DEFAULT_MIN_ROWS,
    retention: { maxAgeDays: config.retention?.max_age_days ?? null, maxRows: config.retention?.max_rows ?? null },
    redact: [...new Set(config.redact ?? [])],
  };
}

const UNIT_MS: Readonly<Record<Exclude<WindowKind, 'count'>, number>> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** The store query of a window setting at a time: the last N rows, or rows with now - size units <= ts <= now. */
export function windowQueryAt(w: MonitorSettings['window'], nowMs: number): { last: number } | { fromMs: number; toMs: number } {
  if (w.kind === 'count') return { last: w.size };
  // toMs is exclusive; a row stamped exactly now belongs to the window.
  return { fromMs: nowMs - w.size * UNIT_MS[w.kind], toMs: nowMs + 1 };
}
