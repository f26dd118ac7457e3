/** Row selection (samples, windows, splits) as a new Table. */
import { DriftwatchError } from '../core/errors.js';
import { createTable, MISSING_CODE, type Column, type Table } from './table.js';

/**
 * The rows at `indices` (in that order; repeats allowed) as a new table. Categorical dictionaries are
 * rebuilt to hold only the values present, in order of first appearance in the selection.
 */
export function selectRows(table: Table, indices: Int32Array | Uint32Array): Table {
  const n = table.rowCount;
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    if (r < 0 || r >= n) {
      throw new DriftwatchError('INVALID_ARGUMENT', `selectRows: index ${r} at position ${i} is outside 0..${n - 1}`);
    }
  }
  return createTable(table.columns.map((c) => selectColumn(c, indices)));
}

function selectColumn(column: Column, indices: Int32Array | Uint32Array): Column {
  if (column.storage === 'numeric') {
    const values = new Float64Array(indices.length);
    for (let i = 0; i < indices.length; i++) values[i] = column.values[indices[i]!]!;
    return { ...column, values };
  }
  const remap = new Int32Array(column.dictionary.length).fill(-1);
  const dictionary: string[] = [];
  const codes = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const old = column.codes[indices[i]!]!;
    if (old === MISSING_CODE) {
      codes[i] = MISSING_CODE;
      continue;
    }
    let code = remap[old]!;
    if (code < 0) {
      code = dictionary.length;
      dictionary.push(column.dictionary[old]!);
      remap[old] = code;
    }
    codes[i] = code;
  }
  return { ...column, codes, dictionary };
}
