/**
 * The chart component loaded on demand: ECharts is most of the bundle, so a page's cards and tables show
 * first and its charts fill in when the library arrives, in a box of the final height (no layout jump).
 */
import { lazy, Suspense } from 'react';
import type { ChartProps } from './Chart.tsx';

const Chart = lazy(() => import('./Chart.tsx').then((m) => ({ default: m.Chart })));

export function LazyChart(props: ChartProps) {
  return (
    <Suspense fallback={<div className={props.className ?? 'chart'} style={{ height: props.height }} role="img" aria-label={props.label} aria-busy="true" />}>
      <Chart {...props} />
    </Suspense>
  );
}
