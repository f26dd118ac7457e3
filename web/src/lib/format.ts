/** Display formatting for numbers, shares and times; NaN and infinities get words, never "NaN%". */

export function fmtNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 10 ** -digits || abs >= 1e6)) return x.toExponential(2);
  return Number(x.toFixed(digits)).toString();
}

export function fmtPercent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

/** p-values: small ones as "< 0.001" (a test says "very unlikely", not a precise figure). */
export function fmtPValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  if (Number.isNaN(p)) return 'n/a';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

export function fmtCount(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US');
}

/** "2026-12-06 19:24 UTC": one unambiguous format for every time on the dashboard. */
export function fmtTime(t: string | number | null | undefined): string {
  if (t === null || t === undefined || t === '') return '—';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Metric names as people say them. */
export function metricLabel(name: string): string {
  const known: Record<string, string> = { f1: 'F1', roc_auc: 'ROC AUC', mae: 'MAE', rmse: 'RMSE', r2: 'R²', accuracy: 'Accuracy', balanced_accuracy: 'Balanced accuracy' };
  return known[name] ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
