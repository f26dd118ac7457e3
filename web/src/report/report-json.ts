/**
 * The JSON report (what `driftwatch analyze --format json` writes and `GET /v1/reports/:id` returns) and
 * its conversion back to the DriftReport the chart specifications take. JSON has no NaN or infinity, so the
 * report writes them as the strings "NaN", "Infinity" and "-Infinity" (src/report/json.ts); `reviveReport`
 * turns them back into numbers everywhere a number belongs, and leaves data values (category names, top
 * values, class labels) alone even when a category happens to be called "NaN".
 */
import { NON_FINITE, reviveNonFinite, type driftPieChart, type sparkline } from '../../../src/report/charts/index.ts';

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


/** The JSON report as a DriftReport (non-finite numbers restored). */
export function reviveReport(json: ReportJson | Readonly<Record<string, unknown>>): DriftReport {
  return reviveNonFinite(json) as DriftReport;
}

/** A JSON-report number (possibly "NaN" etc.) as a number. */
export function num(x: number | string | null | undefined): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string') return x in NON_FINITE ? NON_FINITE[x]! : Number(x);
  return Number.NaN;
}
