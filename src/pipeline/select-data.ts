/**
 * Training data and holdout. The holdout is a seeded share of the most recent labelled rows (the current
 * data's), set aside before the training data is chosen, so no strategy ever trains on it.
 */
import { DriftwatchError } from '../core/index.js';
import { createRng } from '../core/index.js';
import { categoricalColumn, categoryAt, createTable, numericColumn, selectRows, type Column, type Table } from '../data/index.js';
import type { PipelineSettings } from './pipeline-config.js';

export interface DataSelection {
  readonly train: Table;
  readonly holdout: Table;
  readonly description: string;
}

/** Row indices of labelled rows (label not missing). */
export function labelledRows(table: Table, label: string): Int32Array {
  const col = table.column(label);
  if (col === undefined) throw new DriftwatchError('COLUMN_NOT_FOUND', `label column "${label}" is not in the data (columns: ${table.names.join(', ')}); name it with --label or \`label:\` in the config`, { field: 'label' });
  const keep: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const missing = col.storage === 'numeric' ? Number.isNaN(col.values[i]!) : col.codes[i]! < 0;
    if (!missing) keep.push(i);
  }
  return Int32Array.from(keep);
}

/** Splits current's labelled rows into a seeded holdout share and the rest (file order kept). */
export function splitHoldout(current: Table, label: string, fraction: number, seed: number): { holdout: Table; rest: Table } {
  const labelled = labelledRows(current, label);
  const size = Math.round(labelled.length * fraction);
  if (fraction > 0 && size < 2) throw new DriftwatchError('NO_DATA', `the current data has ${labelled.length} labelled rows: too few for a ${Math.round(fraction * 100)}% holdout to compare models on`, { field: 'label' });
  const rng = createRng(seed);
  const order = Array.from(labelled);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const chosen = new Set(order.slice(0, size));
  const hold: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < current.rowCount; i++) (chosen.has(i) ? hold : rest).push(i);
  return { holdout: selectRows(current, Int32Array.from(hold)), rest: selectRows(current, Int32Array.from(rest)) };
}

export function selectTrainingData(reference: Table, current: Table, label: string, settings: PipelineSettings): DataSelection {
  const { holdout, rest } = splitHoldout(current, label, settings.holdout.fraction, settings.holdout.seed);
  const { strategy, rows } = settings.data;
  let train: Table;
  let description: string;
  if (strategy === 'current') {
    train = rest;
    description = `current only (${rest.rowCount} rows after the holdout)`;
  } else if (strategy === 'last_rows') {
    const all = concatTables(reference, rest);
    const n = Math.min(rows ?? all.rowCount, all.rowCount);
    train = selectRows(all, Int32Array.from({ length: n }, (_, i) => all.rowCount - n + i));
    description = `the last ${n} rows of reference + current`;
  } else if (strategy === 'last_days') {
    ({ train, description } = lastDays(concatTables(reference, rest), settings.data.days, settings.data.timeColumn));
  } else {
    train = concatTables(reference, rest);
    description = `reference (${reference.rowCount} rows) + current (${rest.rowCount} rows after the holdout)`;
  }
  return { train, holdout, description };
}

const DAY_MS = 86_400_000;

/** Rows of reference + current whose time is within `days` of the newest row's (rows without a time are left out). */
function lastDays(all: Table, days: number | null, timeColumn: string | null): { train: Table; description: string } {
  if (days === null || timeColumn === null) {
    throw new DriftwatchError('CONFIG_INVALID', 'pipeline.data.strategy `last_days` needs `days` (how many days back) and `time_column` (the column holding each row\'s time)', { field: 'pipeline.data' });
  }
  const col = all.column(timeColumn);
  if (col === undefined) {
    throw new DriftwatchError('COLUMN_NOT_FOUND', `pipeline.data.time_column "${timeColumn}" is not in the data (columns: ${all.names.join(', ')})`, { field: 'pipeline.data.time_column' });
  }
  if (col.storage !== 'numeric' || col.kind !== 'datetime') {
    throw new DriftwatchError('INVALID_ARGUMENT', `pipeline.data.time_column "${timeColumn}" does not hold dates (it was read as ${col.kind}); name a column of dates or times such as 2026-12-01T10:00:00Z`, { field: 'pipeline.data.time_column' });
  }
  let newest = -Infinity;
  for (const v of col.values) if (v > newest) newest = v;
  if (newest === -Infinity) {
    throw new DriftwatchError('COLUMN_ALL_MISSING', `pipeline.data.time_column "${timeColumn}" has no values, so no row can be placed in the last ${days} days`, { field: 'pipeline.data.time_column' });
  }
  const since = newest - days * DAY_MS;
  const keep: number[] = [];
  for (let i = 0; i < all.rowCount; i++) if (col.values[i]! >= since) keep.push(i);
  const train = selectRows(all, Int32Array.from(keep));
  return { train, description: `the last ${days} days of reference + current (${train.rowCount} rows since ${new Date(since).toISOString()})` };
}

/**
 * Rows of `b` under rows of `a`, columns by name (the union; missing where a table lacks one). Numeric when
 * both sides are numeric, otherwise categorical with each value's text.
 */
export function concatTables(a: Table, b: Table): Table {
  const names = [...a.names, ...b.names.filter((n) => a.column(n) === undefined)];
  const columns: Column[] = names.map((name) => {
    const ca = a.column(name);
    const cb = b.column(name);
    if ((ca === undefined || ca.storage === 'numeric') && (cb === undefined || cb.storage === 'numeric')) {
      const values = new Float64Array(a.rowCount + b.rowCount).fill(Number.NaN);
      if (ca !== undefined) values.set(ca.values, 0);
      if (cb !== undefined) values.set(cb.values, a.rowCount);
      return numericColumn(name, values, ca?.kind ?? cb?.kind ?? 'numeric');
    }
    const text = (c: Column | undefined, n: number): (string | null)[] =>
      c === undefined ? new Array<null>(n).fill(null)
        : c.storage === 'numeric' ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)))
        : Array.from({ length: n }, (_, i) => categoryAt(c, i));
    const kind = (ca?.storage === 'categorical' ? ca.kind : cb?.kind) ?? 'categorical';
    return categoricalColumn(name, [...text(ca, a.rowCount), ...text(cb, b.rowCount)], kind);
  });
  return createTable(columns);
}
