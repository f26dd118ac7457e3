import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cells, failure } from '../../test/helpers/table-cells.js';
import { readTable, type ReadOptions } from './read-table.js';
import type { CategoricalColumn } from './table/index.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-jsonl-'));
let fileNo = 0;
function jsonl(content: string | Buffer, options: ReadOptions = {}) {
  const p = join(dir, `f${fileNo++}.jsonl`);
  writeFileSync(p, content);
  return readTable(p, options);
}

describe('JSON Lines reader', () => {
  it('takes the union of keys; absent keys and null are missing', async () => {
    const t = await jsonl('{"a": 1, "b": "x"}\n{"b": "y", "c": true}\n\n{"a": 2.5, "c": false, "b": null}\n');
    expect(t.names).toEqual(['a', 'b', 'c']);
    expect(cells(t.column('a'))).toEqual([1, null, 2.5]);
    expect(cells(t.column('b'))).toEqual(['x', 'y', null]);
    expect(cells(t.column('c'))).toEqual([null, 'true', 'false']);
    expect(t.column('c')!.kind).toBe('boolean');
  });

  it('keeps nested values as JSON text, strings as text, and applies missing markers to strings', async () => {
    const t = await jsonl('{"n": {"x": 1}, "s": "1.5", "m": "NA"}\n{"n": [1, 2], "s": "2", "m": "ok"}\n');
    expect(cells(t.column('n'))).toEqual(['{"x":1}', '[1,2]']);
    expect(cells(t.column('s'))).toEqual(['1.5', '2']);
    expect(cells(t.column('m'))).toEqual([null, 'ok']);
  });

  it('parses numeric strings in a column forced numeric, naming the line of a bad one', async () => {
    const t = await jsonl('{"s": "1.5"}\n{"s": 2}\n', { columnKinds: { s: 'numeric' } });
    expect(cells(t.column('s'))).toEqual([1.5, 2]);
    const e = await failure(jsonl('{"s": "1"}\n{"s": "x"}\n', { columnKinds: { s: 'numeric' } }));
    expect(e.line).toBe(2);
  });

  it('reads across tiny chunks, CRLF and a BOM', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => JSON.stringify({ i, s: `v${i % 3}`, t: 'é€' }));
    const t = await jsonl('\ufeff' + rows.join('\r\n'), { chunkSize: 7 });
    expect(t.rowCount).toBe(50);
    expect(cells(t.column('i'))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect((t.column('t') as CategoricalColumn).dictionary).toEqual(['é€']);
  });

  it('names the line of bad JSON, of a non-object and of invalid UTF-8', async () => {
    let e = await failure(jsonl('{"a": 1}\n\n{"a": }\n'));
    expect([e.code, e.line]).toEqual(['PARSE_ERROR', 3]);
    expect(e.message).toContain('line 3');
    e = await failure(jsonl('{"a": 1}\n[1, 2]\n'));
    expect([e.code, e.line]).toEqual(['PARSE_ERROR', 2]);
    e = await failure(jsonl(Buffer.concat([Buffer.from('{"a": 1}\n{"a": "'), Buffer.from([0xff]), Buffer.from('"}\n')])));
    expect([e.code, e.line]).toEqual(['ENCODING', 2]);
  });

  it('rejects a file without objects', async () => {
    expect((await failure(jsonl('\n\n'))).code).toBe('FILE_EMPTY');
  });
});

describe('Parquet reader (fixture written by test/fixtures/scripts/data_parquet.mjs)', () => {
  const fixture = resolve(fileURLToPath(import.meta.url), '../../../test/fixtures/data/small.parquet');

  it('maps Parquet types into the Table', async () => {
    const t = await readTable(fixture);
    expect(t.rowCount).toBe(25);
    expect(t.names).toEqual(['row', 'count', 'score', 'ratio', 'label', 'flag', 'ts']);
    const kinds = Object.fromEntries(t.columns.map((c) => [c.name, [c.storage, c.kind]]));
    expect(kinds).toEqual({
      row: ['numeric', 'id'],
      count: ['numeric', 'numeric'],
      score: ['numeric', 'numeric'],
      ratio: ['numeric', 'numeric'],
      label: ['categorical', 'categorical'],
      flag: ['categorical', 'boolean'],
      ts: ['numeric', 'datetime'],
    });
    const rows = Array.from({ length: 25 }, (_, i) => i);
    expect(cells(t.column('count'))).toEqual(rows.map((i) => i * 1000 + 7));
    expect(cells(t.column('score'))).toEqual(rows.map((i) => (i % 10 === 3 ? null : i / 4 + 0.1)));
    expect(cells(t.column('ratio'))).toEqual(rows.map((i) => i / 8));
    expect(cells(t.column('label'))).toEqual(rows.map((i) => (i === 5 ? null : ['red', 'green', 'blue'][i % 3])));
    expect(cells(t.column('flag'))).toEqual(rows.map((i) => String(i % 2 === 0)));
    expect(cells(t.column('ts'))).toEqual(rows.map((i) => Date.UTC(2024, 0, 1 + i, 12)));
  });

  it('is found by content when the extension says nothing, and overrides apply', async () => {
    const t = await readTable(fixture, { format: 'parquet', columnKinds: { row: 'numeric', label: 'text' } });
    expect(t.column('row')!.kind).toBe('numeric');
    expect(t.column('label')!.kind).toBe('text');
  });

  it('reports a file that is not Parquet', async () => {
    const p = join(dir, 'bad.parquet');
    writeFileSync(p, 'PAR1 but not really');
    const e = await failure(readTable(p));
    expect(e.code).toBe('FILE_FORMAT');
  });
});
