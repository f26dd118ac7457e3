import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells, failure } from '../../test/helpers/table-cells.js';
import { readTable, type ReadOptions } from './read-table.js';
import type { Table } from './table/index.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-csv-'));
let fileNo = 0;
function file(content: string | Buffer, ext = '.csv'): string {
  const p = join(dir, `f${fileNo++}${ext}`);
  writeFileSync(p, content);
  return p;
}
function read(content: string | Buffer, options: ReadOptions = {}): Promise<Table> {
  return readTable(file(content), options);
}

describe('CSV reader: RFC 4180', () => {
  it('reads quoted fields with delimiters, doubled quotes and newlines', async () => {
    const t = await read('id,text,x\n1,"a, b",1.5\n2,"say ""hi""",2\n3,"two\nlines",3\n4,plain,4\n');
    expect(t.rowCount).toBe(4);
    expect(cells(t.column('text'))).toEqual(['a, b', 'say "hi"', 'two\nlines', 'plain']);
    expect(cells(t.column('x'))).toEqual([1.5, 2, 3, 4]);
  });

  it('a header of many columns (decoded at once when ASCII) keeps quoted names, doubled quotes and other scripts', async () => {
    const names = Array.from({ length: 70 }, (_, k) => (k === 3 ? 'a, b' : k === 5 ? 'say "hi"' : k === 8 ? '  ' : `c${k}`));
    const quoted = names.map((n) => (/[,"]/.test(n) ? `"${n.replaceAll('"', '""')}"` : n));
    const row = names.map((_, k) => String(k)).join(',');
    const ascii = await read(`${quoted.join(',')}\n${row}\n`);
    expect(ascii.names).toEqual(names.map((n, k) => (k === 8 ? 'unnamed_9' : n)));
    const other = await read(`${[...quoted.slice(0, 69), 'größe'].join(',')}\n${row}\n`);
    expect(other.names.slice(68)).toEqual(['c68', 'größe']);
    expect(other.names[5]).toBe('say "hi"');
  });

  it('handles CRLF, a UTF-8 BOM and a last line without newline', async () => {
    const t = await read('\ufeffa,b\r\n1,x\r\n2,"y\r\nz"\r\n3,w');
    expect(t.names).toEqual(['a', 'b']);
    expect(cells(t.column('a'))).toEqual([1, 2, 3]);
    expect(cells(t.column('b'))).toEqual(['x', 'y\r\nz', 'w']);
  });

  it('skips blank lines and reads a bare CR as a line end', async () => {
    const t = await read('a,b\n\n1,2\r\n\r\n3,4\r5,6\n\n');
    expect(cells(t.column('a'))).toEqual([1, 3, 5]);
  });

  it('reads empty fields, including a trailing empty field, as missing', async () => {
    const t = await read('a,b,c\n1,,\n,2,3\n');
    expect(cells(t.column('a'))).toEqual([1, null]);
    expect(cells(t.column('c'))).toEqual([null, 3]);
  });

  it('keeps UTF-8 text intact', async () => {
    const t = await read('name,v\nZürich,1\n東京,2\n"emoji 🎉",3\n');
    expect(cells(t.column('name'))).toEqual(['Zürich', '東京', 'emoji 🎉']);
  });
});

describe('CSV reader: delimiters', () => {
  it.each([
    [';', 'a;b;c\n1,5;x;3\n2;y;4\n'],
    ['\t', 'a\tb\tc\n1,5\tx\t3\n2\ty\t4\n'],
    ['|', 'a|b|c\n1,5|x|3\n2|y|4\n'],
  ])('detects %j even with commas inside fields', async (_d, text) => {
    const t = await read(text, { decimal: '.' });
    expect(t.names).toEqual(['a', 'b', 'c']);
    expect(cells(t.column('a'))).toEqual(['1,5', '2']);
    // By default a column of decimal-comma numbers in a file not separated by commas is numeric.
    expect(cells((await read(text)).column('a'))).toEqual([1.5, 2]);
  });

  it('ignores delimiters inside quotes when detecting', async () => {
    const t = await read('"a;1";"b;2"\n"x;y";3\n"z";4\n');
    expect(t.names).toEqual(['a;1', 'b;2']);
  });

  it('uses a given delimiter, "tab" included', async () => {
    const t = await read('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(t.names).toEqual(['a;b', 'c']);
    const tab = await read('a\tb\n1\t2\n', { delimiter: 'tab' });
    expect(tab.names).toEqual(['a', 'b']);
  });

  it('reads a single-column file', async () => {
    const t = await read('value\n1\n2\n3\n');
    expect(cells(t.column('value'))).toEqual([1, 2, 3]);
  });

  it('rejects an invalid delimiter option', async () => {
    const e = await failure(read('a,b\n1,2\n', { delimiter: ';;' }));
    expect(e.code).toBe('USAGE');
  });
});

describe('CSV reader: chunk boundaries', () => {
  const tricky =
    'name,"quoted ""head""",num\r\n' +
    '"multi\nline\r\nvalue",1.25,-3e-2\r\n' +
    'plain,"""",0.30000000000000004\n' +
    '"",,\n' +
    '"a,b",  7  ,1e21\n' +
    'Zürich 東京,x,NA\n' +
    'last,"end",12345678901234567890';
  it('gives the same table for every chunk size', async () => {
    const p = file(tricky);
    const whole = await readTable(p);
    expect(whole.rowCount).toBe(6);
    expect(cells(whole.column('name'))).toEqual(['multi\nline\r\nvalue', 'plain', null, 'a,b', 'Zürich 東京', 'last']);
    expect(cells(whole.column('quoted "head"'))).toEqual(['1.25', '"', null, '  7  ', 'x', 'end']);
    expect(cells(whole.column('num'))).toEqual([-0.03, 0.30000000000000004, null, 1e21, null, Number('12345678901234567890')]);
    for (let chunkSize = 1; chunkSize <= 40; chunkSize++) {
      let reads = 0;
      const t = await readTable(p, { chunkSize, onProgress: () => reads++ });
      // The file really arrived in pieces (the first read only waits for the header's line end).
      expect(reads).toBeGreaterThanOrEqual(Math.floor(Buffer.byteLength(tricky) / chunkSize / 2));
      for (const name of whole.names) expect(cells(t.column(name)), `chunk ${chunkSize}, column ${name}`).toEqual(cells(whole.column(name)));
    }
  });

  it('matches a simple string-based reference parser on random CSV text (quotes, CR, LF, CRLF, blanks)', async () => {
    /** RFC 4180 by the book on a string: records of fields; blank lines skipped, bare CR ends a line. */
    function reference(text: string): string[][] {
      const records: string[][] = [];
      let field = '';
      let record: string[] = [];
      let i = 0;
      let quoted = false;
      let touched = false;
      const endRecord = (): void => {
        if (touched || record.length > 0) records.push([...record, field]);
        record = [];
        field = '';
        touched = false;
      };
      while (i < text.length) {
        const c = text[i]!;
        if (quoted) {
          if (c === '"' && text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (c === '"') {
            quoted = false;
            i++;
          } else {
            field += c;
            i++;
          }
        } else if (c === '"' && field === '') {
          quoted = true;
          touched = true;
          i++;
        } else if (c === ',') {
          record.push(field);
          field = '';
          touched = true;
          i++;
        } else if (c === '\n' || c === '\r') {
          endRecord();
          i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        } else {
          field += c;
          touched = true;
          i++;
        }
      }
      endRecord();
      return records;
    }
    const value = fc.oneof(
      fc.constantFrom('', 'NA', '1', '-2.5', '1e3', ' 7 ', 'x'),
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '1'), minLength: 1, maxLength: 5 }),
    );
    const eol = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.array(value, { minLength: 2, maxLength: 2 }), eol), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 50 }), async (rows, chunkSize) => {
        const quote = (v: string): string => (/[",\r\n]/.test(v) || v === '' ? `"${v.replaceAll('"', '""')}"` : v);
        const text = 'p,q\n' + rows.map(([r, e]) => r.map(quote).join(',') + e).join('');
        const expected = reference(text).slice(1);
        const t = await readTable(file(text), { chunkSize, delimiter: ',', columnKinds: { p: 'categorical', q: 'categorical' } });
        const missing = new Set(['', 'NA', 'N/A', 'NaN', 'null', 'None']);
        const asRead = (v: string): string | null => (missing.has(v.replace(/^[ \t]+|[ \t]+$/g, '')) ? null : v);
        expect(cells(t.column('p'))).toEqual(expected.map((r) => asRead(r[0]!)));
        expect(cells(t.column('q'))).toEqual(expected.map((r) => asRead(r[1]!)));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips random tables written as CSV at random chunk sizes', async () => {
    // Texts without digits never read as numbers, and without letters N/A/n never as missing markers.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', '€', ';', 'x'), minLength: 1, maxLength: 8 });
    const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), text.filter((s) => s.trim() !== ''));
    const plusZero = (v: number | string | null): number | string | null => (Object.is(v, -0) ? 0 : v);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 64 }), async (rows, chunkSize) => {
        const quote = (v: number | string): string => (typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`);
        const csv = 'c0,c1,c2\n' + rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
        const t = await readTable(file(csv), { chunkSize, delimiter: ',' });
        expect(t.rowCount).toBe(rows.length);
        for (let k = 0; k < 3; k++) {
          const col = rows.map((r) => r[k]!);
          // A column with any text is categorical, holding its numbers as their shortest text.
          const expected = col.some((v) => typeof v === 'string') ? col.map((v) => (typeof v === 'number' ? String(v) : v)) : col;
          expect(cells(t.column(`c${k}`)).map(plusZero)).toEqual(expected.map(plusZero));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV reader: numbers', () => {
  it('reads every numeric text exactly as Number() at random chunk sizes (long mantissas, zeros, signs, exponents, quotes)', async () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: 1, maxLength: 24 });
    const numberText = fc
      .tuple(fc.constantFrom('', '-', '+'), digits, fc.option(fc.string({ unit: fc.constantFrom('0', '5', '9', '3'), maxLength: 20 })), fc.option(fc.integer({ min: -330, max: 310 })))
      .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`);
    const cell = fc.oneof(
      { weight: 6, arbitrary: numberText },
      { weight: 1, arbitrary: numberText.map((t) => `"${t}"`) },
      { weight: 1, arbitrary: numberText.map((t) => ` ${t} `) },
      { weight: 1, arbitrary: fc.constantFrom('', 'NA', '"NA"', '-0', '0.0', '.5', '5.', '-.5', 'inf', '-Infinity') },
    );
    const value = (t: string): number | null => {
      const u = t.replaceAll('"', '').trim();
      if (u === '' || u === 'NA') return null;
      if (/^[+-]?inf(inity)?$/i.test(u)) return u.startsWith('-') ? -Infinity : Infinity;
      return Number(u);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom('\n', '\r\n'), async (rows, chunkSize, eol) => {
        const csv = 'a,b,c' + eol + rows.map((r) => r.join(',')).join(eol) + eol;
        const t = await readTable(file(csv), { chunkSize, delimiter: ',' });
        expect(t.rowCount).toBe(rows.length);
        for (let k = 0; k < 3; k++) {
          const got = cells(t.column('abc'[k]!));
          // Object.is: -0 must stay -0, as Number('-0') gives.
          rows.forEach((r, i) => expect(Object.is(got[i], value(r[k]!)), `row ${i} column ${k}: ${r[k]} read as ${got[i]}`).toBe(true));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV reader: types and missing values', () => {
  it('reads the default missing markers as missing', async () => {
    const t = await read('x,s\n1,a\nNA,N/A\nNaN,null\nNone,\n 2 ,b\n');
    expect(cells(t.column('x'))).toEqual([1, null, null, null, 2]);
    expect(cells(t.column('s'))).toEqual(['a', null, null, null, 'b']);
  });

  it('uses the given missing markers, numeric ones included', async () => {
    const t = await read('x,s\n-999,?\n5,NA\n', { missingValues: ['', '?', '-999'] });
    expect(cells(t.column('x'))).toEqual([null, 5]);
    expect(cells(t.column('s'))).toEqual([null, 'NA']);
  });

  it('keeps exact texts when text appears in the first chunk', async () => {
    const t = await read('code\n007\n1.50\nA1\n');
    expect(cells(t.column('code'))).toEqual(['007', '1.50', 'A1']);
  });

  it('re-encodes earlier numbers with their shortest text when text first appears after the first chunk', async () => {
    // The first chunk is at least 4 KiB (for delimiter detection), so the text comes after 1,000 rows.
    const filler = Array.from({ length: 1000 }, (_, i) => `${i},${i}`).join('\n');
    const t = await read(`code,n\n007,1\n1.50,2\n${filler}\nA1,3\n`, { chunkSize: 8 });
    const code = cells(t.column('code'));
    expect(code.slice(0, 3)).toEqual(['7', '1.5', '0']);
    expect(code.at(-1)).toBe('A1');
    expect(t.column('n')!.storage).toBe('numeric');
  });

  it('forces storage from columnKinds: categorical keeps texts, numeric rejects text naming the line', async () => {
    const t = await read('zip,v\n007,1\n010,2\n', { columnKinds: { zip: 'categorical' } });
    expect(cells(t.column('zip'))).toEqual(['007', '010']);
    expect(t.column('zip')!.kind).toBe('categorical');
    const e = await failure(read('a,v\n1,2\n2,3\nthree,4\n', { columnKinds: { a: 'numeric' } }));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.line).toBe(4);
    expect(e.field).toBe('a');
    expect(e.message).toContain('"three"');
    expect(e.message).toContain('line 4');
  });
});

describe('CSV reader: inferred kinds end to end', () => {
  it('infers datetime, boolean, id, text and categorical columns', async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      [i, `2024-01-${String(i + 1).padStart(2, '0')}`, i % 2 ? 'Yes' : 'No', `"free text comment number ${i}, with words"`, ['a', 'b'][i % 2], i % 2].join(','),
    );
    const t = await read('row,day,churn,comment,group,flag\n' + rows.join('\n') + '\n');
    expect(t.columns.map((c) => [c.name, c.storage, c.kind])).toEqual([
      ['row', 'numeric', 'id'],
      ['day', 'numeric', 'datetime'],
      ['churn', 'categorical', 'boolean'],
      ['comment', 'categorical', 'text'],
      ['group', 'categorical', 'categorical'],
      ['flag', 'numeric', 'numeric'],
    ]);
    expect(cells(t.column('day'))[0]).toBe(Date.UTC(2024, 0, 1));
  });

  it('applies datetime and boolean overrides', async () => {
    const t = await read('when,b\n2024-01-01 10:00,1\n,0\n', { columnKinds: { when: 'datetime', b: 'boolean' } });
    expect(cells(t.column('when'))).toEqual([Date.UTC(2024, 0, 1, 10), null]);
    expect([t.column('b')!.storage, t.column('b')!.kind]).toEqual(['numeric', 'boolean']);
  });
});

describe('CSV reader: errors', () => {
  it('a row with too many fields', async () => {
    const e = await failure(read('a,b\n1,2\n3,4,5\n'));
    expect([e.code, e.line]).toEqual(['PARSE_ERROR', 3]);
    expect(e.message).toContain('line 3 has 3 fields, the header has 2');
  });

  it('missing file', async () => {
    const e = await failure(readTable(join(dir, 'nope.csv')));
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.file).toBe(join(dir, 'nope.csv'));
  });

  it('a directory', async () => {
    const d = join(dir, 'adir.csv');
    mkdirSync(d);
    const e = await failure(readTable(d));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toContain('directory');
  });

  it('empty file, and a file of blank lines', async () => {
    expect((await failure(read(''))).code).toBe('FILE_EMPTY');
    expect((await failure(read('\n\r\n\n'))).code).toBe('FILE_EMPTY');
  });

  it('header only', async () => {
    const e = await failure(read('a,b,c\n'));
    expect(e.code).toBe('NO_DATA');
  });

  it('a ragged row names its line, counting lines inside quoted fields', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => `${i},x,${i},${i},${i},${i}`);
    const text = 'a,b,c,d,e,f\n' + '1,"two\nlines",3,4,5,6\n' + rows.join('\n') + '\n1,2,3,4,5\n';
    const e = await failure(read(text));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.line).toBe(18);
    expect(e.message).toBe('line 18 has 5 fields, the header has 6; every row needs one field per column (quote fields that contain the delimiter)');
    const small = await failure(read(text, { chunkSize: 3 }));
    expect(small.line).toBe(18);
  });

  it('an unterminated quote names the line where it opens', async () => {
    const e = await failure(read('a,b\n1,2\n3,"open\nnever closed\n'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.line).toBe(3);
    expect(e.message).toContain('never closed');
  });

  it('text after a closing quote', async () => {
    const e = await failure(read('a,b\n1,"x"y\n'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.line).toBe(2);
  });

  it('bytes that are not UTF-8 name the line', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,x\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n3,y\n')]);
    for (const chunkSize of [undefined, 2, 5]) {
      const e = await failure(read(bytes, chunkSize === undefined ? {} : { chunkSize }));
      expect(e.code).toBe('ENCODING');
      expect(e.line).toBe(3);
      expect(e.message).toContain('line 3');
    }
  });

  it('duplicate header names; empty ones are renamed unnamed_<position>', async () => {
    const e = await failure(read('a,b,a\n1,2,3\n'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toContain('"a"');
    expect(e.line).toBe(1);
    const t = await read(',b,\n1,2,3\n');
    expect(t.names).toEqual(['unnamed_1', 'b', 'unnamed_3']);
  });
});

describe('readTable: format and progress', () => {
  it('reads gzip-compressed CSV (.csv.gz) and rejects other gzip formats', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i * 0.25},${['a', 'b'][i % 2]}`);
    const text = 'x,s\n' + rows.join('\n') + '\n';
    const p = file(gzipSync(text), '.csv.gz');
    for (const chunkSize of [undefined, 100]) {
      const t = await readTable(p, chunkSize === undefined ? {} : { chunkSize });
      expect(t.rowCount).toBe(5000);
      expect(cells(t.column('x'))).toEqual(rows.map((_, i) => i * 0.25));
    }
    const progress: number[] = [];
    await readTable(p, { onProgress: (done, total) => progress.push(done / total) });
    expect(progress.at(-1)).toBe(1);
    expect((await failure(readTable(file(gzipSync('{"a": 1}\n'), '.jsonl.gz')))).code).toBe('FILE_FORMAT');
    expect((await failure(readTable(file('not gzip at all', '.csv.gz')))).code).toBe('FILE_FORMAT');
  });

  it('sniffs the format of files without a known extension', async () => {
    const csv = await readTable(file('a,b\n1,2\n', '.data'));
    expect(csv.names).toEqual(['a', 'b']);
    const jsonl = await readTable(file('{"a": 1}\n{"a": 2}\n', '.data'));
    expect(cells(jsonl.column('a'))).toEqual([1, 2]);
  });

  it('reports progress up to the file size', async () => {
    const text = 'a,b\n' + Array.from({ length: 200 }, (_, i) => `${i},${i * 2}`).join('\n') + '\n';
    const p = file(text);
    const calls: [number, number][] = [];
    await readTable(p, { chunkSize: 256, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.at(-1)).toEqual([Buffer.byteLength(text), Buffer.byteLength(text)]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
  });

  it('rejects an unknown format option', async () => {
    const e = await failure(readTable(file('a\n1\n'), { format: 'xlsx' as never }));
    expect(e.code).toBe('USAGE');
  });
});
