/** Row selection (samples, windows, splits) as a new Table. */
import { DriftwatchError } from '../core/index.js';
import { createTable, MISSING_CODE, type Column, type Table } from './table/index.js';

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
  const codes = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) codes[i] = column.codes[indices[i]!]!;
  return { ...column, codes, dictionary: compactDictionary(codes, column.dictionary), lines: undefined };
}

/**
 * Renumbers `codes` in place so that the returned dictionary holds only the values they use, in order of
 * first appearance (the Table invariant, once rows were picked or blanked). The caller owns `codes`.
 */
export function compactDictionary(codes: Int32Array, dictionary: readonly string[]): string[] {
  const remap = new Int32Array(dictionary.length).fill(-1);
  const used: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const old = codes[i]!;
    if (old === MISSING_CODE) continue;
    let code = remap[old]!;
    if (code < 0) {
      code = used.length;
      used.push(dictionary[old]!);
      remap[old] = code;
    }
    codes[i] = code;
  }
  return used;
}
