import { MISSING_CODE, type Table } from '../../data/index.js';
import type { InputColumn } from '../model.js';

/** A categorical input's values that were not seen in training. */
export interface UnseenCategories {
  readonly column: string;
  /** Rows holding an unseen (non-missing) value. */
  readonly rows: number;
  /** How many distinct unseen values. */
  readonly distinct: number;
  /** The distinct unseen values, most frequent first, at most `examples` of them. */
  readonly values: readonly string[];
}

/**
 * Per categorical input that records its training categories, the rows of the table whose value is none
 * of them. A model still predicts on such rows (each encoding has a documented rule for them), but the
 * prediction rests on no training data for that value: worth a warning every time, not a silent default.
 */
export function unseenCategories(inputs: readonly InputColumn[], table: Table, examples = 3): UnseenCategories[] {
  const found: UnseenCategories[] = [];
  for (const input of inputs) {
    const col = table.column(input.name);
    if (input.kind !== 'categorical' || input.categories === undefined || col === undefined) continue;
    const known = new Set(input.categories);
    const counts = new Map<string, number>();
    if (col.storage === 'categorical') {
      const perCode = new Int32Array(col.dictionary.length);
      for (const code of col.codes) if (code !== MISSING_CODE) perCode[code]!++;
      col.dictionary.forEach((value, code) => {
        if (!known.has(value) && perCode[code]! > 0) counts.set(value, perCode[code]!);
      });
    } else {
      for (const v of col.values) {
        if (Number.isNaN(v)) continue;
        const value = String(v);
        if (!known.has(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    if (counts.size === 0) continue;
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    found.push({ column: input.name, rows: sorted.reduce((s, [, c]) => s + c, 0), distinct: sorted.length, values: sorted.slice(0, examples).map(([v]) => v) });
  }
  return found;
}
