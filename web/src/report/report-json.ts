/**
 * The JSON report (what `driftwatch analyze --format json` writes and `GET /v1/reports/:id` returns) and
 * its conversion back to the DriftReport the chart specifications take. JSON has no NaN or infinity, so the
 * report writes them as the strings "NaN", "Infinity" and "-Infinity" (src/report/json.ts); `reviveReport`
 * turns them back into numbers everywhere a number belongs, and leaves data values (category names, top
 * values, class labels) alone even when a category happens to be called "NaN".
 */
import type { driftPieChart, sparkline } from '../../../src/report/charts/index.ts';

/** The report type, taken from the chart specifications' signatures (web/ may import nothing else of src/). */
export type DriftReport = Parameters<typeof driftPieChart>[0];
export type ColumnDrift = Parameters<typeof sparkline>[0];
export type ModelSection = NonNullable<DriftReport['model']>;

type Jsonified<T> = T extends number
  ? number | string
  : T extends readonly (infer U)[]
    ? readonly Jsonified<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Jsonified<T[K]> }
      : T;

/** The report as JSON: like DriftReport, with non-finite numbers as strings. */
export type ReportJson = Jsonified<DriftReport>;

const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** Keys whose values are data (names, categories, labels), never numbers in disguise. */
const DATA_KEYS = new Set([
  'name', 'categories', 'new_categories', 'vanished_categories', 'first_value', 'classes', 'positive_class', 'label', 'path',
  'column', 'message', 'notes', 'warnings', 'reason', 'change', 'kind', 'role', 'method', 'preset', 'correction',
  'missing_in_current', 'extra_in_current',
]);

function revive(value: unknown, key: string | undefined, parentKey: string | undefined): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && DATA_KEYS.has(key)) return value;
    // A top-value entry's `value` is a category; an effect size's `value` is a number.
    if (key === 'value' && parentKey === 'top') return value;
    return value in NON_FINITE ? NON_FINITE[value] : value;
  }
  if (Array.isArray(value)) {
    // Arrays of data (categories, class lists) keep their strings; arrays of numbers get theirs revived.
    if (key !== undefined && DATA_KEYS.has(key)) return value;
    return value.map((v) => revive(v, undefined, key));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    // An array element has no key of its own: its fields see the array's key (`top`) as their parent.
    for (const [k, v] of Object.entries(value)) out[k] = revive(v, k, key ?? parentKey);
    return out;
  }
  return value;
}

/** The JSON report as a DriftReport (non-finite numbers restored). */
export function reviveReport(json: ReportJson | Readonly<Record<string, unknown>>): DriftReport {
  return revive(json, undefined, undefined) as DriftReport;
}

/** A JSON-report number (possibly "NaN" etc.) as a number. */
export function num(x: number | string | null | undefined): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string') return x in NON_FINITE ? NON_FINITE[x]! : Number(x);
  return Number.NaN;
}
