import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { cells, failure } from '../../test/helpers/table-cells.js';
import { readTable } from './read-table.js';
import { readTableInWorker } from './read-table-in-worker.js';
import type { Column } from './table/index.js';

const testing = resolve(fileURLToPath(import.meta.url), '../../../test/fixtures/data/parquet-testing');
const dir = mkdtempSync(join(tmpdir(), 'driftwatch-parquet-'));
const NESTED = 'nested_lists.snappy.parquet';

/** hyparquet's row API value as the cell our reader should hold. */
function expectedCell(c: Column, v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (c.storage === 'numeric') {
    const n = v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : (v as number);
    return Number.isNaN(n) ? null : n;
  }
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  return String(v);
}

describe('Parquet reader on files other writers made (apache/parquet-testing)', () => {
  const files = readdirSync(testing).filter((f) => f.endsWith('.parquet') && f !== NESTED);

  it.each(files)('%s: every cell agrees with hyparquet’s row reader', async (name) => {
    const path = join(testing, name);
    const table = await readTable(path);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path), compressors });
    expect(table.rowCount).toBe(rows.length);
    for (const c of table.columns) {
      const ours = cells(c);
      for (let r = 0; r < rows.length; r++) {
        const want = expectedCell(c, rows[r]![c.name]);
        const got = ours[r];
        // hyparquet scales decimals by multiplying with 10^-scale; we divide (correctly rounded).
        if (typeof want === 'number' && typeof got === 'number') expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-15);
        else expect(got, `${name} ${c.name}[${r}]`).toEqual(want);
      }
    }
  });

  it('maps INT96 and decimals to numbers, RLE booleans to categories', async () => {
    const ts = await readTable(join(testing, 'int96_from_spark.parquet'));
    expect([ts.column('a')!.storage, ts.column('a')!.kind]).toEqual(['numeric', 'datetime']);
    expect(cells(ts.column('a')).slice(0, 2)).toEqual([Date.parse('2024-01-01T20:34:56.123Z'), Date.parse('2024-01-01T01:00:00Z')]);
    for (const name of ['int32_decimal.parquet', 'int64_decimal.parquet', 'fixed_length_decimal.parquet', 'byte_array_decimal.parquet']) {
      const t = await readTable(join(testing, name));
      expect(cells(t.columns[0]), name).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    }
    const b = await readTable(join(testing, 'rle_boolean_encoding.parquet'));
    expect(b.columns[0]!.kind).toBe('boolean');
    expect(cells(b.columns[0]).slice(0, 3)).toEqual(['true', 'false', null]);
  });

  it('refuses a nested column, naming it', async () => {
    const e = await failure(readTable(join(testing, NESTED)));
    expect([e.code, e.field, e.file]).toEqual(['FILE_FORMAT', 'a', join(testing, NESTED)]);
    expect(e.message).toContain('column "a" is nested');
  });
});

describe('Parquet reader on files hyparquet-writer makes', () => {
  const n = 1000;
  const rows = Array.from({ length: n }, (_, i) => i);
  const columnData = [
    { name: 'x', data: rows.map((i) => (i % 13 === 0 ? null : i / 7)), type: 'DOUBLE' as const },
    { name: 'k', data: rows.map((i) => BigInt(i * 3 - 500)), type: 'INT64' as const, nullable: false },
    { name: 'plain', data: rows.map((i) => (i % 17 === 0 ? null : `v${i}`)), type: 'STRING' as const },
    { name: 'city', data: rows.map((i) => (i % 11 === 0 ? null : ['Zürich', 'Oslo', 'Kraków'][(i * 7) % 3]!)), type: 'STRING' as const },
    { name: 'ok', data: rows.map((i) => (i % 19 === 0 ? null : i % 3 === 0)), type: 'BOOLEAN' as const },
    { name: 'at', data: rows.map((i) => new Date(Date.UTC(2025, 0, 1) + i * 3_600_123)), type: 'TIMESTAMP' as const },
  ];

  it.each([
    ['snappy, several row groups and pages', { codec: 'SNAPPY' as const, rowGroupSize: 128, pageSize: 512 }],
    ['gzip, one row group', { codec: 'GZIP' as const, compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) } }],
    ['uncompressed, dictionary per row group', { codec: 'UNCOMPRESSED' as const, rowGroupSize: 300 }],
  ])('%s', async (_label, options) => {
    const path = join(dir, `w-${_label.replace(/\W+/g, '-')}.parquet`);
    await parquetWriteFile({ filename: path, columnData, ...options });
    const t = await readTable(path);
    expect(t.rowCount).toBe(n);
    expect(cells(t.column('x'))).toEqual(columnData[0]!.data);
    expect(cells(t.column('k'))).toEqual(rows.map((i) => i * 3 - 500));
    expect(cells(t.column('plain'))).toEqual(columnData[2]!.data);
    expect(cells(t.column('city'))).toEqual(columnData[3]!.data);
    // Dictionaries keep the order of first appearance, whatever order the file's dictionary pages have.
    const city = t.column('city')!;
    expect(city.storage === 'categorical' && city.dictionary).toEqual(['Oslo', 'Kraków', 'Zürich']);
    expect(cells(t.column('ok'))).toEqual(columnData[4]!.data.map((v) => (v === null ? null : String(v))));
    expect([t.column('at')!.kind, cells(t.column('at'))]).toEqual(['datetime', rows.map((i) => Date.UTC(2025, 0, 1) + i * 3_600_123)]);
    const inWorker = await readTableInWorker(path, { fallback: false });
    expect(inWorker.columns.map(cells)).toEqual(t.columns.map(cells));
  });

  it('names the file and the column of a damaged column chunk', async () => {
    const path = join(dir, 'damaged.parquet');
    await parquetWriteFile({ filename: path, columnData: columnData.slice(0, 2), codec: 'UNCOMPRESSED' });
    const bytes = readFileSync(path);
    // The page header of the first column starts at byte 4; garble it.
    bytes.fill(0xff, 4, 40);
    writeFileSync(path, bytes);
    const e = await failure(readTable(path));
    expect([e.code, e.file, e.field]).toEqual(['FILE_FORMAT', path, 'x']);
    expect(e.message).toContain('column "x" in row group 1');
  });

  it('reports a truncated file', async () => {
    const path = join(dir, 'cut.parquet');
    await parquetWriteFile({ filename: path, columnData });
    writeFileSync(path, readFileSync(path).subarray(0, 200));
    const e = await failure(readTable(path));
    expect([e.code, e.file]).toEqual(['FILE_FORMAT', path]);
  });
});
