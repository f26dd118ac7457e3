import { isoNow } from '../core/index.js';
import { DriftwatchError } from '../core/index.js';
import { DRIFTWATCH_VERSION } from '../core/index.js';
import type { Table } from '../data/table/index.js';
import { benjaminiHochberg, bonferroni } from '../stats/index.js';
import { analyzeColumn, finalizeColumn, type ColumnAnalysis, type ColumnOutcome } from './analyze-column.js';
import { datasetDrift } from './dataset-drift.js';
import { normalizeOptions, type NormalizedOptions } from './normalize-options.js';
import type { AnalyzeOptions } from './options.js';
import { planColumns, type ColumnPlan } from './plan-columns.js';
import { qualityIssues } from './quality.js';
import { REPORT_SCHEMA_VERSION, type DriftReport, type ExcludedColumn } from './types.js';

/**
 * Compares a reference and a current table column by column and over the whole dataset.
 *
 * Pure apart from `options.now` (the report's time): same tables and options, same report. Throws
 * DriftwatchError: USAGE for a bad option or a method that does not fit a column, COLUMN_NOT_FOUND for a
 * named column missing from the reference, NO_COMMON_COLUMNS when nothing is left to compare.
 */
export function analyzeDrift(reference: Table, current: Table, options: AnalyzeOptions = {}): DriftReport {
  const planned = planDrift(reference, current, options);
  return assembleReport(planned, planned.plan.columns.map((c) => analyzeColumn(c, planned.options)));
}

/** The checked options and column plan of one analysis: everything decided before any column is compared. */
export interface DriftPlan {
  readonly reference: Table;
  readonly current: Table;
  readonly options: NormalizedOptions;
  readonly plan: ColumnPlan;
}

/** Checks the options and plans the columns (first step of analyzeDrift; throws what analyzeDrift throws). */
export function planDrift(reference: Table, current: Table, options: AnalyzeOptions = {}): DriftPlan {
  const o = normalizeOptions(options, reference, current);
  return { reference, current, options: o, plan: planColumns(reference, current, o) };
}

/**
 * The report from the per-column analyses, given in plan order (last step of analyzeDrift). Whoever runs
 * the columns, on this thread or others, the same analyses make the same report.
 */
export function assembleReport(d: DriftPlan, analyses: readonly ColumnAnalysis[]): DriftReport {
  const { reference, current, options: o, plan } = d;
  const excluded: ExcludedColumn[] = [...plan.excluded];
  const allMissing: ExcludedColumn[] = [];
  const outcomes: ColumnOutcome[] = [];
  plan.columns.forEach((planned, i) => {
    const a = analyses[i]!;
    if (a.ok) outcomes.push(a.outcome);
    else {
      excluded.push({ name: planned.name, reason: a.reason });
      if (a.allMissing) allMissing.push({ name: planned.name, reason: a.reason });
    }
  });
  if (outcomes.length === 0) {
    const why = excluded.map((e) => `${e.name} (${e.reason})`).join('; ');
    throw new DriftwatchError('NO_COMMON_COLUMNS', `no column can be compared between reference and current${why === '' ? '' : `: ${why}`}`);
  }

  const corrected = correctedPValues(outcomes, o.correction);
  const results = outcomes.map((c, i) => finalizeColumn(c, corrected[i]!));
  const features = results.filter((r) => r.role === 'feature');
  const target = results.find((r) => r.role === 'target') ?? null;
  const predictions = results.filter((r) => r.role === 'prediction');
  const counted = o.preset.targetInShare ? results : features;

  const notes = [...o.preset.notes, ...plan.notes];
  const infinite = outcomes.filter((c) => c.infinite > 0).map((c) => c.planned.name);
  if (infinite.length > 0) notes.push(`Infinite values were left out of the comparison (like missing values) in: ${infinite.join(', ')}.`);
  const warnings: string[] = [];
  if (o.correction !== 'none') {
    if (outcomes.some((c) => c.planned.role === 'feature' && c.test.p_value !== null)) {
      notes.push(`Feature p-values are corrected for multiple testing (${o.correction}); verdicts use the corrected p-values.`);
    } else {
      warnings.push(`correction ${o.correction} has no effect: every feature was judged by a distance (${distanceMethods(outcomes)}), which has no p-value to correct.`);
    }
  }
  warnings.push(...unfitWarnings(outcomes));

  const qualityColumns = outcomes.map((c) => c.quality);
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    driftwatch_version: DRIFTWATCH_VERSION,
    generated_at: isoNow(o.clock),
    preset: o.preset.name,
    correction: o.correction,
    reference: { path: o.referencePath, rows: reference.rowCount },
    current: { path: o.currentPath, rows: current.rowCount },
    dataset: datasetDrift(
      counted.map((r) => r.drifted),
      { driftShare: o.driftShare, strict: o.driftShareStrict, severity: o.severity },
      { target: target?.drifted ?? false, prediction: predictions.some((r) => r.drifted) },
    ),
    columns: features,
    target_drift: target,
    prediction_drift: predictions[0] ?? null,
    prediction_columns: predictions,
    quality: { columns: qualityColumns, issues: qualityIssues(qualityColumns, allMissing, results.map((r) => r.n_reference)) },
    schema: plan.schema,
    excluded,
    notes,
    warnings,
  };
}

function distanceMethods(outcomes: readonly ColumnOutcome[]): string {
  return [...new Set(outcomes.filter((c) => c.planned.role === 'feature').map((c) => c.choice.test.method))].join(', ');
}

/** One warning per method and setting that met continuous columns, naming them (at most five). */
function unfitWarnings(outcomes: readonly ColumnOutcome[]): string[] {
  const groups = new Map<string, { method: string; source: string; replaced: boolean; columns: string[] }>();
  for (const c of outcomes) {
    const u = c.choice.unfit;
    if (u === undefined) continue;
    const key = `${u.method}|${u.source}|${u.replaced}`;
    const g = groups.get(key) ?? { ...u, columns: [] };
    g.columns.push(`"${c.planned.name}" (${c.facts.nUnique} distinct values)`);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const shown = g.columns.length > 5 ? `${g.columns.slice(0, 5).join(', ')} and ${g.columns.length - 5} more` : g.columns.join(', ');
    const what = `${g.source} ${g.method} counts each distinct value as a category, which tests next to nothing on continuous columns: ${shown}`;
    return g.replaced
      ? `${what}; the preset judged ${g.columns.length === 1 ? 'it' : 'them'} instead. Use ks, wasserstein or psi for numeric columns.`
      : `${what}; kept as set. Use ks, wasserstein or psi for numeric columns.`;
  });
}

/** Corrected p-values over the feature columns; target and prediction keep their own. */
function correctedPValues(outcomes: readonly ColumnOutcome[], correction: AnalyzeOptions['correction']): (number | null)[] {
  const out = outcomes.map((c) => c.test.p_value);
  if (correction === 'none' || correction === undefined) return out;
  const idx = outcomes.flatMap((c, i) => (c.planned.role === 'feature' && c.test.p_value !== null ? [i] : []));
  const raw = idx.map((i) => out[i]!);
  const adj = correction === 'bonferroni' ? bonferroni(raw) : benjaminiHochberg(raw);
  idx.forEach((i, k) => {
    out[i] = adj[k]!;
  });
  return out;
}


