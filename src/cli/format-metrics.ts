/** Human-readable metric tables for train and evaluate. */
import type { ClassifierEvaluation } from '../metrics/index.js';
import { isRegression, type Evaluation } from '../metrics/evaluation.js';

const CLASSIFIER_KEYS = ['accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'pr_auc', 'log_loss', 'brier', 'ece'] as const;
const REGRESSOR_KEYS = ['mae', 'rmse', 'r2', 'mape'] as const;

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toFixed(4);
}

/** `metric  value [baseline  delta]` lines. */
export function metricLines(e: Evaluation, baseline?: Evaluation): string[] {
  const keys: readonly string[] = isRegression(e) ? REGRESSOR_KEYS : CLASSIFIER_KEYS;
  const get = (x: Evaluation, k: string): number | null => (x as unknown as Record<string, number | null>)[k] ?? null;
  const lines = [baseline ? `  ${'metric'.padEnd(18)} ${'model'.padStart(10)} ${'baseline'.padStart(10)} ${'change'.padStart(10)}` : ''].filter((l) => l !== '');
  for (const k of keys) {
    const v = get(e, k);
    if (v === null && (!baseline || get(baseline, k) === null)) continue;
    if (!baseline) {
      lines.push(`  ${k.padEnd(18)} ${fmt(v).padStart(10)}`);
      continue;
    }
    const b = get(baseline, k);
    const delta = v !== null && b !== null ? v - b : null;
    lines.push(`  ${k.padEnd(18)} ${fmt(v).padStart(10)} ${fmt(b).padStart(10)} ${(delta === null ? '—' : (delta >= 0 ? '+' : '') + fmt(delta)).padStart(10)}`);
  }
  return lines;
}

/** The per-class report and confusion matrix of a classifier. */
export function classificationReportLines(e: ClassifierEvaluation): string[] {
  const width = Math.max(12, ...e.classes.map((c) => c.length + 2));
  const lines = [`  ${'class'.padEnd(width)} ${'precision'.padStart(10)} ${'recall'.padStart(10)} ${'f1'.padStart(10)} ${'support'.padStart(9)}`];
  const row = (name: string, r: { precision: number; recall: number; f1: number; support: number }) =>
    `  ${name.padEnd(width)} ${r.precision.toFixed(4).padStart(10)} ${r.recall.toFixed(4).padStart(10)} ${r.f1.toFixed(4).padStart(10)} ${String(r.support).padStart(9)}`;
  for (const c of e.classes) lines.push(row(c, e.per_class[c]!));
  lines.push(row('macro avg', e.macro_avg), row('weighted avg', e.weighted_avg));
  lines.push('', `  confusion matrix (rows: true, columns: predicted; order: ${e.classes.join(', ')})`);
  for (const r of e.confusion_matrix) lines.push('  ' + r.map((v) => String(v).padStart(8)).join(''));
  return lines;
}
