/**
 * The same data written as CSV, JSON Lines and Parquet reads to the same Table: storage, kind, every
 * value (Object.is), every dictionary in the same order. Property-based over column types, missing cells,
 * awkward strings (quotes, commas, line breaks, escapes, non-ASCII), Parquet row groups, page sizes and
 * codecs, and tiny read chunks for the text formats.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';
import type { Table } from './table/index.js';
import { csvField } from './write-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-formats-'));
let fileNo = 0;

type Cell = number | string | boolean | null;
type ColumnType = 'double' | 'int' | 'string' | 'boolean' | 'timestamp';
interface Spec {
  readonly type: ColumnType;
  readonly values: readonly Cell[];
}

// Finite doubles without -0 (CSV and JSON write it as 0; Parquet keeps the sign).
const double = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const integer = fc.integer({ min: -1e9, max: 1e9 }).map((v) => (Object.is(v, -0) ? 0 : v));
// Text that no reader takes for a number, a missing marker or a date: a letter first, then anything.
const text = fc
  .tuple(fc.constantFrom('a', 'B', 'é', 'ж', 'x'), fc.string({ unit: fc.constantFrom('a', 'z', ' ', ',', ';', '"', '\\', '\n', '\r\n', '\t', '{', '}', ':', 'ü', '€', '😀', '1', '.'), maxLength: 8 }))
  .map(([head, tail]) => (head + tail).replace(/[ \t]+$/, ''));
const timestamp = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });

function cellsOf(type: ColumnType, rows: number): fc.Arbitrary<Cell[]> {
  const value: fc.Arbitrary<Cell> = type === 'double' ? double : type === 'int' ? integer : type === 'string' ? text : type === 'boolean' ? fc.boolean() : timestamp;
  return fc.array(fc.option(value, { freq: 5, nil: null }), { minLength: rows, maxLength: rows });
}

// The first column numbers the rows: a CSV line of a single empty field is a blank line, which is skipped.
const specs = fc.integer({ min: 1, max: 40 }).chain((rows) =>
  fc.array(
    fc
      .constantFrom<ColumnType>('double', 'int', 'string', 'boolean', 'timestamp')
      .chain((type) => cellsOf(type, rows).map((values): Spec => ({ type, values })))
      // A column with no value at all has no type in the text formats; Parquet still says "string".
      .filter((s) => s.values.some((v) => v !== null)),
    { minLength: 0, maxLength: 6 },
  ).map((columns): Spec[] => [{ type: 'int', values: Array.from({ length: rows }, (_, r) => r) }, ...columns]),
);

function csvText(specs: readonly Spec[]): string {
  const rows = specs[0]!.values.length;
  const lines = [specs.map((_, c) => `c${c}`).join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(
      specs
        .map((s) => {
          const v = s.values[r]!;
          if (v === null) return '';
          if (s.type === 'timestamp') return new Date(v as number).toISOString();
          return csvField(String(v));
        })
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

function jsonlText(specs: readonly Spec[]): string {
  const rows = specs[0]!.values.length;
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const o: Record<string, unknown> = {};
    specs.forEach((s, c) => {
      const v = s.values[r]!;
      // Missing as null or as an absent key, both are missing (the first line names every column, which
      // fixes the column order: JSON Lines columns come in order of first appearance).
      if (v === null && r > 0 && (r + c) % 2 === 0) return;
      o[`c${c}`] = s.type === 'timestamp' && v !== null ? new Date(v as number).toISOString() : v;
    });
    lines.push(JSON.stringify(o));
  }
  return lines.join('\n') + '\n';
}

async function writeParquet(path: string, specs: readonly Spec[], layout: { rowGroupSize: number; pageSize: number; codec: 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED' }): Promise<void> {
  await parquetWriteFile({
    filename: path,
    rowGroupSize: layout.rowGroupSize,
    pageSize: layout.pageSize,
    codec: layout.codec,
    compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) },
    columnData: specs.map((s, c) => {
      const name = `c${c}`;
      if (s.type === 'int') return { name, data: s.values.map((v) => (v === null ? null : BigInt(v as number))), type: 'INT64' as const };
      if (s.type === 'timestamp') return { name, data: s.values.map((v) => (v === null ? null : new Date(v as number))), type: 'TIMESTAMP' as const };
      return { name, data: [...s.values], type: s.type === 'double' ? ('DOUBLE' as const) : s.type === 'string' ? ('STRING' as const) : ('BOOLEAN' as const) };
    }),
  });
}

/** Everything a Table holds, in a shape toEqual compares exactly (Object.is for numbers). */
function contents(t: Table): unknown {
  return {
    rowCount: t.rowCount,
    columns: t.columns.map((c) =>
      c.storage === 'numeric' ? { name: c.name, storage: c.storage, kind: c.kind, values: Array.from(c.values) } : { name: c.name, storage: c.storage, kind: c.kind, codes: Array.from(c.codes), dictionary: c.dictionary },
    ),
  };
}

describe('CSV, JSON Lines and Parquet of the same data', () => {
  it('read to identical tables', async () => {
    await fc.assert(
      fc.asyncProperty(
        specs,
        fc.record({ rowGroupSize: fc.integer({ min: 1, max: 50 }), pageSize: fc.constantFrom(64, 256, 1 << 20), codec: fc.constantFrom('SNAPPY' as const, 'GZIP' as const, 'UNCOMPRESSED' as const) }),
        fc.integer({ min: 1, max: 64 }),
        async (data, layout, chunkSize) => {
          const base = join(dir, `t${fileNo++}`);
          writeFileSync(`${base}.csv`, csvText(data));
          writeFileSync(`${base}.jsonl`, jsonlText(data));
          await writeParquet(`${base}.parquet`, data, layout);
          const csv = contents(await readTable(`${base}.csv`, { chunkSize }));
          expect(contents(await readTable(`${base}.jsonl`, { chunkSize }))).toEqual(csv);
          expect(contents(await readTable(`${base}.parquet`))).toEqual(csv);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('column names that are also Object.prototype keys', () => {
  it('read like any other name', async () => {
    const base = join(dir, `proto${fileNo++}`);
    writeFileSync(`${base}.csv`, 'constructor,toString,__proto__\n1,a,x\n2,b,y\n');
    writeFileSync(`${base}.jsonl`, '{"constructor": 1, "toString": "a", "__proto__": "x"}\n{"constructor": 2, "toString": "b", "__proto__": "y"}\n');
    const csv = await readTable(`${base}.csv`);
    expect(csv.columns.map((c) => [c.name, c.storage])).toEqual([
      ['constructor', 'numeric'],
      ['toString', 'categorical'],
      ['__proto__', 'categorical'],
    ]);
    expect(contents(await readTable(`${base}.jsonl`))).toEqual(contents(csv));
  });
});
