import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleReport } from '../../test/fixtures/report/sample-report.js';
import { DriftwatchError } from '../core/errors.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import type { OutputFormat } from './types.js';
import { LOCK_FILE_NAME } from '../data/folder-lock.js';
import { writeReports } from './write-reports.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'driftwatch-report-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const leftovers = (d: string): string[] => readdirSync(d).filter((f) => f.endsWith('.tmp'));

describe('writeReports', () => {
  it('writes every requested file into a new nested directory and returns the paths', async () => {
    const out = join(dir, 'a', 'b');
    const paths = await writeReports(sampleReport, out, ['terminal', 'json', 'csv', 'html', 'png']);
    expect(paths).toEqual(['drift_report.json', 'feature_scores.csv', 'drift_report.html', 'drift_summary.png'].map((f) => join(out, f)));
    expect(readFileSync(paths[0]!, 'utf8')).toBe(renderJson(sampleReport));
    expect(readFileSync(paths[1]!, 'utf8')).toBe(renderCsv(sampleReport));
    const html = readFileSync(paths[2]!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // The page links the data files written beside it.
    expect(html).toContain('<a href="drift_report.json" download>');
    expect(html).toContain('<a href="feature_scores.csv" download>');
    expect([...readFileSync(paths[3]!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(leftovers(out)).toEqual([]);
  });

  it('writes only what is asked; terminal alone writes nothing', async () => {
    expect(await writeReports(sampleReport, join(dir, 'none'), ['terminal'])).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    expect(await writeReports(sampleReport, dir, ['csv', 'csv'])).toEqual([join(dir, 'feature_scores.csv')]);
    expect(readdirSync(dir)).toEqual(['feature_scores.csv']);
  });

  it('replaces an existing file', async () => {
    writeFileSync(join(dir, 'drift_report.json'), 'old');
    await writeReports(sampleReport, dir, ['json']);
    expect(readFileSync(join(dir, 'drift_report.json'), 'utf8')).toBe(renderJson(sampleReport));
  });

  it('names the path when the output directory cannot be created', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    const err = await writeReports(sampleReport, file, ['json']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriftwatchError);
    expect((err as DriftwatchError).code).toBe('FILE_UNWRITABLE');
    expect((err as DriftwatchError).file).toBe(file);
    expect((err as DriftwatchError).message).toContain(file);
  });

  it('fails naming the file and leaves no temporary or partial file when a write fails', async () => {
    mkdirSync(join(dir, 'drift_report.html')); // a directory where the file should go: rename fails
    writeFileSync(join(dir, 'feature_scores.csv'), 'previous');
    const err = await writeReports(sampleReport, dir, ['json', 'html', 'csv']).catch((e: unknown) => e);
    expect((err as DriftwatchError).file).toBe(join(dir, 'drift_report.html'));
    expect(leftovers(dir)).toEqual([]);
    expect(readFileSync(join(dir, 'drift_report.json'), 'utf8')).toBe(renderJson(sampleReport));
    expect(readFileSync(join(dir, 'feature_scores.csv'), 'utf8')).toBe('previous');
  });

  it('rejects an unknown format before writing anything', async () => {
    const err = await writeReports(sampleReport, join(dir, 'x'), ['json', 'pdf' as OutputFormat]).catch((e: unknown) => e);
    expect((err as DriftwatchError).code).toBe('INVALID_ARGUMENT');
    expect((err as DriftwatchError).field).toBe('formats');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeReports with another run writing to the same folder', () => {
  it('waits while another live process holds the folder lock, then swaps its whole set in', async () => {
    // The parent process is alive and is not this one: its lock must be waited for, not taken over.
    writeFileSync(join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
    const waits: (number | undefined)[] = [];
    let done = false;
    const writing = writeReports(sampleReport, dir, ['json', 'csv'], { onWait: (pid) => waits.push(pid) }).then((paths) => {
      done = true;
      return paths;
    });
    while (waits.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(waits).toEqual([process.ppid]);
    expect(done).toBe(false);
    expect(readdirSync(dir).filter((f) => !f.startsWith('.'))).toEqual([]);
    rmSync(join(dir, LOCK_FILE_NAME));
    expect(await writing).toEqual([join(dir, 'drift_report.json'), join(dir, 'feature_scores.csv')]);
    expect(readdirSync(dir).sort()).toEqual(['drift_report.json', 'feature_scores.csv']);
  });

  it('takes over the lock of a process that is gone', async () => {
    writeFileSync(join(dir, LOCK_FILE_NAME), '2147483646\n');
    expect(await writeReports(sampleReport, dir, ['json'])).toEqual([join(dir, 'drift_report.json')]);
    expect(readdirSync(dir)).toEqual(['drift_report.json']);
  });

  it('two writers at once: each run lands whole, one after the other', async () => {
    const other = { ...sampleReport, columns: sampleReport.columns.map((c, i) => (i === 0 ? { ...c, statistic: c.statistic + 1 } : c)) };
    expect(renderCsv(other)).not.toBe(renderCsv(sampleReport));
    for (let round = 0; round < 10; round++) {
      await Promise.all([writeReports(sampleReport, dir, ['json', 'csv']), writeReports(other, dir, ['csv', 'json'])]);
      const json = readFileSync(join(dir, 'drift_report.json'), 'utf8');
      const csv = readFileSync(join(dir, 'feature_scores.csv'), 'utf8');
      const pair = json === renderJson(sampleReport) ? 'a' : json === renderJson(other) ? 'b' : 'mixed';
      expect(pair).not.toBe('mixed');
      expect(csv).toBe(renderCsv(pair === 'a' ? sampleReport : other));
      expect(readdirSync(dir).sort()).toEqual(['drift_report.json', 'feature_scores.csv']);
    }
  });
});
