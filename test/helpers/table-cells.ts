/** Test helpers for tables: cell values as plain JS, and the DriftwatchError a promise rejects with. */
import { DriftwatchError } from '../../src/core/errors.js';
import { categoryAt, type Column } from '../../src/data/table/index.js';

/** Cell values as JS values: numbers, strings, null for missing. */
export function cells(c: Column | undefined): (number | string | null)[] {
  if (c === undefined) throw new Error('no such column');
  if (c.storage === 'numeric') return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(c.codes, (_, i) => categoryAt(c, i));
}

/** The DriftwatchError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(p: Promise<unknown>): Promise<DriftwatchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DriftwatchError) return e;
    throw e;
  }
  throw new Error('expected a DriftwatchError');
}
