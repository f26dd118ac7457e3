/** A table row's small histogram (the shared `sparkline` geometry): reference and current bars side by side. */
import { sparkline } from '../../../../src/report/charts/index.ts';
import type { ColumnDrift } from '../../report/report-json.ts';

export function Sparkline({ column }: { readonly column: ColumnDrift }) {
  const s = sparkline(column);
  const n = Math.max(s.reference.length, s.current.length);
  const slot = 8;
  const w = Math.max(1, n) * slot;
  const h = 24;
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" focusable="false">
      {Array.from({ length: n }, (_, i) => {
        const r = s.reference[i] ?? 0;
        const c = s.current[i] ?? 0;
        return (
          <g key={i}>
            <rect x={i * slot} y={h - r * h} width={slot / 2 - 0.5} height={r * h} fill={s.colors.reference} />
            <rect x={i * slot + slot / 2} y={h - c * h} width={slot / 2 - 0.5} height={c * h} fill={s.colors.current} />
          </g>
        );
      })}
    </svg>
  );
}
