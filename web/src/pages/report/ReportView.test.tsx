// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SCORE_BARS } from '../../../../src/report/charts/index.ts';
import { renderJson } from '../../../../src/report/json.ts';
import { sampleModelReport } from '../../../../test/fixtures/report/sample-model-report.ts';
import { sampleReport } from '../../../../test/fixtures/report/sample-report.ts';
import { reviveReport, type ReportJson } from '../../report/report-json.ts';
import { tableRows } from '../../report/columns-table.ts';
import { ColumnsTable, ROWS_SHOWN } from './ColumnsTable.tsx';
import { PICKER_MAX } from './DistributionExplorer.tsx';
import { ReportView } from './ReportView.tsx';

afterEach(cleanup);

const fromJson = (r: typeof sampleReport) => reviveReport(JSON.parse(renderJson(r)) as ReportJson);
const columnNames = (table: HTMLElement): string[] => within(table).getAllByRole('row').slice(1).map((tr) => within(tr).getAllByRole('button')[0]!.textContent ?? '');

describe('ColumnsTable', () => {
  const rows = tableRows(fromJson(sampleReport));

  it('sorts by a clicked header, both ways, and marks the sorted column for screen readers', () => {
    render(<ColumnsTable rows={rows} onPick={() => {}} />);
    const table = screen.getByTestId('columns');
    const sortedByName = rows.map((r) => r.name).sort((a, b) => a.localeCompare(b));
    fireEvent.click(within(table).getByRole('button', { name: /^Column/ }));
    expect(columnNames(table)).toEqual(sortedByName);
    expect(within(table).getByRole('columnheader', { name: /^Column/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(table).getByRole('button', { name: /^Column/ }));
    expect(columnNames(table)).toEqual([...sortedByName].reverse());
  });

  it('searches, filters to drifted columns and groups by method', () => {
    render(<ColumnsTable rows={rows} onPick={() => {}} />);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'income' } });
    expect(columnNames(screen.getByTestId('columns'))).toEqual(['income']);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Drifted only' }));
    const drifted = rows.filter((r) => r.drifted).map((r) => r.name);
    expect(new Set(columnNames(screen.getByTestId('columns')))).toEqual(new Set(drifted));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Drifted only' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by method' }));
    expect(screen.getByTestId('columns-ks')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^KS/ }).textContent).toContain('columns');
  });

  it('draws the first rows of a very wide report and more on demand; search still finds any column', () => {
    const wide = Array.from({ length: ROWS_SHOWN * 2 + 50 }, (_, i) => ({ ...rows[0]!, name: `c${i}`, score: 1 - i / 1000 }));
    render(<ColumnsTable rows={wide} onPick={() => {}} />);
    const table = screen.getByTestId('columns');
    expect(columnNames(table)).toHaveLength(ROWS_SHOWN);
    expect(screen.getByText(/columns not drawn/).textContent).toContain(`${ROWS_SHOWN + 50} more columns`);
    fireEvent.click(screen.getByRole('button', { name: `Show ${ROWS_SHOWN} more` }));
    expect(columnNames(table)).toHaveLength(ROWS_SHOWN * 2);
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(columnNames(table)).toHaveLength(ROWS_SHOWN * 2 + 50);
    expect(screen.queryByText(/columns not drawn/)).toBeNull();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: `c${ROWS_SHOWN * 2 + 49}` } });
    expect(columnNames(table)).toEqual([`c${ROWS_SHOWN * 2 + 49}`]);
  });

  it('hands a clicked column name to the explorer', () => {
    const picked: string[] = [];
    render(<ColumnsTable rows={rows} onPick={(n) => picked.push(n)} />);
    fireEvent.click(screen.getByRole('button', { name: 'income' }));
    expect(picked).toEqual(['income']);
  });
});

describe('ReportView', () => {
  it('shows the verdict, labelled charts, the columns table and the explorer with both samples\' statistics', () => {
    const report = fromJson(sampleReport);
    render(<ReportView report={report} reportId="12" />);
    expect(screen.getByTestId('verdict').textContent).toContain(`${report.dataset.drifted_columns} of ${report.dataset.columns_analyzed} columns drifted`);
    expect(screen.getAllByRole('img').map((c) => c.getAttribute('aria-label'))).toEqual(expect.arrayContaining([expect.stringContaining('columns drifted'), expect.stringContaining('threshold')]));
    expect(screen.getAllByRole('button', { name: /^(JSON|CSV|HTML)$/ })).toHaveLength(3);
    fireEvent.change(screen.getByTestId('explorer-select'), { target: { value: 'income' } });
    const stats = screen.getByTestId('summary-stats');
    expect(within(stats).getByRole('columnheader', { name: 'Reference' })).toBeTruthy();
    expect(within(stats).getByRole('columnheader', { name: 'Current' })).toBeTruthy();
    expect(within(stats).getByRole('rowheader', { name: 'median' })).toBeTruthy();
  });

  it('draws the highest scores of a wide report in its score chart and says so; the table still counts every column', () => {
    const report = fromJson(sampleReport);
    const columns = Array.from({ length: MAX_SCORE_BARS + 40 }, (_, i) => ({ ...report.columns[0]!, name: `f${i}`, score: i / 1000 }));
    render(<ReportView report={{ ...report, columns }} reportId="12" />);
    expect(screen.getByTestId('bars-note').textContent).toBe(`The ${MAX_SCORE_BARS} highest of ${MAX_SCORE_BARS + 40} features; the columns table below lists every one.`);
    expect(screen.getAllByRole('img').some((c) => c.getAttribute('aria-label')!.startsWith(`Drift score of the ${MAX_SCORE_BARS} highest-scoring features`))).toBe(true);
  });

  it('offers the most drifted columns of a very wide report in the explorer\'s picker; the table opens any other', () => {
    const report = fromJson(sampleReport);
    const columns = Array.from({ length: PICKER_MAX + 5 }, (_, i) => ({ ...report.columns[0]!, name: `f${i}`, score: 1 - i / 10_000, drifted: false }));
    render(<ReportView report={{ ...report, columns, target_drift: null }} reportId="12" />);
    const select = screen.getByTestId('explorer-select');
    expect(within(select).getAllByRole('option')).toHaveLength(PICKER_MAX);
    expect(within(select).getAllByRole('option')[0]!.textContent).toBe('f0');
    expect(screen.getByTestId('picker-note').textContent).toContain(`of ${(PICKER_MAX + 5).toLocaleString('en-US')} columns`);
    // The lowest score is not offered until picked from the table; then it is offered beside the others.
    const last = `f${PICKER_MAX + 4}`;
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: last } });
    fireEvent.click(screen.getByRole('button', { name: last }));
    expect(within(select).getAllByRole('option')).toHaveLength(PICKER_MAX + 1);
    expect((select as HTMLSelectElement).value).toBe(last);
  });

  it('shows the model section with performance before and after', () => {
    render(<ReportView report={fromJson(sampleModelReport)} />);
    const perf = screen.getByTestId('performance');
    expect(within(perf).getAllByRole('row').length).toBeGreaterThan(1);
    expect(screen.queryByRole('button', { name: 'JSON' })).toBeNull();
  });

  it('shows the per-class report of each side as a table, each cell under its metric and side', () => {
    render(<ReportView report={fromJson(sampleModelReport)} />);
    const table = screen.getByTestId('per-class');
    expect(screen.getByRole('table', { name: /^Per class/ })).toBe(table);
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Class', 'Precision (reference)', 'Precision (current)', 'Recall (reference)', 'Recall (current)',
      'F1 (reference)', 'F1 (current)', 'Support (reference)', 'Support (current)',
    ]);
    const yes = within(table).getByRole('rowheader', { name: 'Yes' }).closest('tr')!;
    expect(within(yes).getAllByRole('cell').map((td) => td.textContent)).toEqual(['0.567', '0.603', '0.499', '0.356', '0.531', '0.447', '531', '447']);
    expect(within(table).getByRole('rowheader', { name: 'No' })).toBeTruthy();
    expect(screen.queryByText(/no per-class classification report/)).toBeNull();
  });

  it('says so when a stored report has no per-class report (before schema 1.3)', () => {
    const model = sampleModelReport.model!;
    const { per_class: _, ...old } = model.performance!;
    render(<ReportView report={fromJson({ ...sampleModelReport, model: { ...model, performance: old } })} />);
    expect(screen.queryByTestId('per-class')).toBeNull();
    expect(screen.getByText(/No per-class report/)).toBeTruthy();
  });
});
