import type { ColumnDrift } from '../../drift/index.js';
import { sparkline } from '../charts/index.js';
import { h, raw, type Raw } from './escape.js';

const W = 64;
const H = 20;

const n2 = (x: number): string => String(Math.round(x * 100) / 100);

/** A row's small histogram: reference and current bars side by side in each slot, drawn as plain SVG. */
export function sparklineSvg(c: ColumnDrift): Raw {
  const s = sparkline(c);
  const slot = W / Math.max(1, s.reference.length);
  const bar = slot * 0.45;
  const rects = s.reference.flatMap((r, i) => {
    const x = i * slot;
    const cur = s.current[i]!;
    return [
      `<rect x="${n2(x)}" y="${n2(H - r * H)}" width="${n2(bar)}" height="${n2(r * H)}" fill="${s.colors.reference}"/>`,
      `<rect x="${n2(x + bar)}" y="${n2(H - cur * H)}" width="${n2(bar)}" height="${n2(cur * H)}" fill="${s.colors.current}"/>`,
    ];
  });
  return h`<svg class="spark" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Reference (grey) and current (blue) distribution">${raw(rects.join(''))}</svg>`;
}
