/** Number formatting for chart data and axis labels; pure and locale-independent so specs are deterministic. */

/** Rounds to `digits` decimals (charts show a few digits; the JSON report keeps full precision). */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Short label for a histogram edge: 3 significant digits, k/M suffixes for large magnitudes. */
export function formatEdge(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim((value / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${trim((value / 1e3).toPrecision(3))}k`;
  if (abs === 0) return '0';
  if (abs < 1e-3) return value.toExponential(1);
  return trim(value.toPrecision(3));
}

function trim(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
