/**
 * One ECharts chart: draws a spec (from the shared chart specifications or the overview's time series),
 * re-inked for the page's colour scheme, and follows its box's width. The chart is an image for screen
 * readers (role="img" with a label); the numbers it shows are in the table beside it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from '../../../src/report/charts/index.ts';
import { forScheme } from '../lib/chart-theme.ts';
import { useDarkScheme } from '../lib/hooks.ts';
import { echarts } from './echarts.ts';

export interface ChartProps {
  readonly spec: ChartSpec;
  readonly height: number;
  /** What the chart shows, for screen readers (the table beside it has the numbers). */
  readonly label: string;
  readonly className?: string;
}

export function Chart({ spec, height, label, className }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const dark = useDarkScheme();

  const [ready, setReady] = useState(false);

  // Created once the box has a size (a chart started in a zero-width box, e.g. a closed panel, draws nothing).
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    let c: ReturnType<typeof echarts.init> | null = null;
    const sized = (): boolean => el.clientWidth > 0 && el.clientHeight > 0;
    const start = (): void => {
      if (c !== null || !sized()) return;
      c = echarts.init(el, undefined, { renderer: 'svg' });
      chart.current = c;
      setReady(true);
    };
    start();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => (c === null ? start() : c.resize()));
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      c?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(forScheme(spec, dark), { notMerge: true });
  }, [spec, dark, ready]);

  return <div ref={box} className={className ?? 'chart'} style={{ height }} role="img" aria-label={label} />;
}
