/**
 * How a value is spelt must not change what it means: missing markers in any case and in every reader,
 * numeric columns with a few values that are not numbers (counted, with the first line), decimal commas,
 * and a delimiter that cannot be right.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { cells, failure } from '../../test/helpers/table-cells.js';
import { DEFAULT_MISSING_VALUES, MissingMatcher } from './missing-values.js';
import { isMostlyNumeric, readAsNumbers } from './numeric-text.js';
import { parseNumberText } from './parse-number.js';
import { readTable, type ReadOptions } from './read-table.js';
import { categoricalColumn, type CategoricalColumn } from './table/index.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-read-semantics-'));
let fileNo = 0;
function file(ext: string, content: string): string {
  const p = join(dir, `f${fileNo++}.${ext}`);
  writeFileSync(p, content);
  return p;
}
const read = (ext: string, content: string, options: ReadOptions = {}) => readTable(file(ext, content), options);

/** `text` with each ASCII letter's case chosen by `upper`. */
function recase(text: string, upper: readonly boolean[]): string {
  return [...text].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

const marker = fc.constantFrom(...DEFAULT_MISSING_VALUES.filter((m) => m !== ''));
const casing = fc.array(fc.boolean(), { minLength: 1, maxLength: 8 });
const blanks = fc.constantFrom('', ' ', '\t', '  ');

describe('missing markers', () => {
  it('match in any case, with blanks around, on bytes and on strings alike', () => {
    const m = new MissingMatcher();
    fc.assert(
      fc.property(marker, casing, blanks, blanks, (token, upper, before, after) => {
        const text = `${before}${recase(token, upper)}${after}`;
        const bytes = new TextEncoder().encode(`x${text}y`);
        expect(m.matchText(text)).toBe(true);
        expect(m.matchBytes(bytes, 1, bytes.length - 1)).toBe(true);
      }),
    );
  });

  it('do not match other text, and bytes agree with strings', () => {
    const m = new MissingMatcher();
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(m.matchBytes(bytes, 0, bytes.length)).toBe(m.matchText(text));
        const folded = text.replace(/^[ \t]+|[ \t]+$/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
        expect(m.matchText(text)).toBe(DEFAULT_MISSING_VALUES.includes(folded));
      }),
    );
  });

  it('given markers replace the defaults and also ignore case', () => {
    const m = new MissingMatcher(['', 'Missing', '-999']);
    expect(m.matchText('MISSING')).toBe(true);
    expect(m.matchText('-999')).toBe(true);
    expect(m.matchText('nan')).toBe(false);
  });

  it.each([
    ['csv', 'x\n1.5\nnan\nNULL\n#N/A\nNone\nn/a\n2\n'],
    ['jsonl', '{"x": 1.5}\n{"x": "nan"}\n{"x": "NULL"}\n{"x": "#N/A"}\n{"x": "None"}\n{"x": "n/a"}\n{"x": 2}\n'],
  ])('leave a %s numeric column numeric', async (ext, content) => {
    const t = await read(ext, content);
    expect(t.column('x')!.storage).toBe('numeric');
    expect(cells(t.column('x'))).toEqual([1.5, null, null, null, null, null, 2]);
  });

  it('apply to Parquet strings', async () => {
    const path = join(dir, `f${fileNo++}.parquet`);
    parquetWriteFile({ filename: path, columnData: [{ name: 's', data: ['red', 'nan', 'NULL', null, 'blue', '#N/A'], type: 'STRING' }] });
    const t = await readTable(path);
    expect(cells(t.column('s'))).toEqual(['red', null, null, null, 'blue', null]);
  });
});

describe('values that are not numbers', () => {
  const numbers = fc.array(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })), { minLength: 1, maxLength: 60 });
  const junk = fc.constantFrom('oops', '0x10', '1_000', 'abc', '1.2.3', '--');

  it('readAsNumbers keeps every number, counts the rest and names the first with its row', () => {
    fc.assert(
      fc.property(numbers, fc.array(fc.tuple(fc.nat(), junk), { maxLength: 10 }), (values, inserts) => {
        const texts: (string | null)[] = values.map(String);
        for (const [at, j] of inserts) texts.splice(at % (texts.length + 1), 0, j);
        const column = categoricalColumn('x', texts);
        const { column: read, nonNumeric } = readAsNumbers(column);
        const bad = texts.flatMap((t, i) => (Number.isNaN(parseNumberText(t!)) ? [i] : []));
        expect(nonNumeric?.count ?? 0).toBe(bad.length);
        if (bad.length > 0) {
          expect(nonNumeric!.row).toBe(bad[0]! + 1);
          expect(nonNumeric!.first).toBe(texts[bad[0]!]);
          expect(nonNumeric!.line).toBeNull();
        }
        texts.forEach((t, i) => {
          if (Number.isNaN(parseNumberText(t!))) expect(read.values[i]).toBeNaN();
          else expect(read.values[i]).toBe(Number(t));
        });
      }),
    );
  });

  it('a text column is mostly numeric from 90% numbers on', () => {
    const col = (numbersShare: number): CategoricalColumn => categoricalColumn('x', Array.from({ length: 100 }, (_, i) => (i < numbersShare ? String(i) : `t${i}`)));
    expect(isMostlyNumeric(col(90))).toBe(true);
    expect(isMostlyNumeric(col(89))).toBe(false);
    expect(isMostlyNumeric(categoricalColumn('x', ['a', null]))).toBe(false);
  });

  it('CSV: the first one is located at its line, whatever the chunk size, blank lines and quoted line breaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 5, max: 40 }), async (chunkSize, blankLines, firstBad) => {
        const rows: string[] = [];
        for (let i = 0; i < 50; i++) rows.push(`${i === firstBad ? 'oops' : i === firstBad + 3 ? '1_000' : String(i / 4)},"note ${i}${i === 2 ? '\nsecond line' : ''}"`);
        const text = `x,note\n${'\n'.repeat(blankLines)}${rows.join('\n')}\n`;
        const t = await read('csv', text, { chunkSize });
        const x = t.column('x') as CategoricalColumn;
        const { nonNumeric } = readAsNumbers(x);
        // Header, blank lines, one extra physical line for the quoted break in row 2.
        expect(nonNumeric).toEqual({ count: 2, first: 'oops', row: firstBad + 1, line: 2 + blankLines + firstBad + 1 });
      }),
      { numRuns: 60 },
    );
  });

  it('JSON Lines: the first one is located at its line', async () => {
    const t = await read('jsonl', '{"x": 1}\n\n{"x": 2.5}\n{"x": "oops"}\n{"x": 3}\n');
    expect(readAsNumbers(t.column('x') as CategoricalColumn).nonNumeric).toEqual({ count: 1, first: 'oops', row: 3, line: 4 });
  });

  it('the lines travel with a table read on a worker thread', async () => {
    const { readTableInWorker } = await import('./read-table-in-worker.js');
    const t = await readTableInWorker(file('csv', 'x\n1\n2\noops\n'));
    expect((t.column('x') as CategoricalColumn).lines).toEqual([2, 3, 4]);
    expect(t.path).toMatch(/\.csv$/);
  });
});

describe('decimal commas', () => {
  it('read as numbers in a ;-separated file (detected), exactly as the same text with a point', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 40 }), async (values) => {
        const texts = values.map((v) => v.toFixed(3));
        const t = await read('csv', `a;b\n${texts.map((s, i) => `${s.replace('.', ',')};${i % 2 === 0 ? 'x' : 'y'}`).join('\n')}\n`);
        expect(cells(t.column('a'))).toEqual(texts.map(Number));
      }),
      { numRuns: 40 },
    );
  });

  it('with a few other values stay text with the numbers rewritten, so the analysis counts the rest', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i === 7 ? 'oops' : `${i},5`));
    const t = await read('csv', `a;b\n${rows.map((r) => `${r};x`).join('\n')}\n`);
    const a = t.column('a') as CategoricalColumn;
    expect(a.storage).toBe('categorical');
    expect(readAsNumbers(a).nonNumeric).toEqual({ count: 1, first: 'oops', row: 8, line: 9 });
    expect(readAsNumbers(a).column.values[0]).toBe(0.5);
  });

  it('are left alone in a comma-separated file, next to decimal points, and with decimal "."', async () => {
    expect(cells((await read('csv', 'a,b\n"1,5",x\n"2,5",y\n')).column('a'))).toEqual(['1,5', '2,5']);
    expect(cells((await read('csv', 'a;b\n1,5;x\n2.5;y\n')).column('a'))).toEqual(['1,5', '2.5']);
    expect(cells((await read('csv', 'a;b\n1,5;x\n2,5;y\n', { decimal: '.' })).column('a'))).toEqual(['1,5', '2,5']);
  });

  it('with decimal ",": read in any format, and merge with the same number written with a point', async () => {
    expect(cells((await read('jsonl', '{"a": "1,5"}\n{"a": "2"}\n', { decimal: ',' })).column('a'))).toEqual([1.5, 2]);
    expect(cells((await read('csv', 'a,b\n"1,5",x\n"1.5",y\n', { decimal: ',' })).column('a'))).toEqual([1.5, 1.5]);
    expect(cells((await read('csv', 'a;b\n1,5;x\nred;y\n', { decimal: ',' })).column('a'))).toEqual(['1.5', 'red']);
  });

  it('columns forced categorical keep their text', async () => {
    expect(cells((await read('csv', 'a;b\n1,5;x\n2,5;y\n', { columnKinds: { a: 'categorical' } })).column('a'))).toEqual(['1,5', '2,5']);
  });
});

describe('a given delimiter that cannot be right', () => {
  it('is a USAGE error naming the detected one', async () => {
    const e = await failure(read('csv', 'a,b,c\n1,2,3\n4,5,6\n', { delimiter: ';' }));
    expect(e.code).toBe('USAGE');
    expect(e.message).toBe('the delimiter ";" leaves the header one column, but "," splits it into 3 columns; use --delimiter "," (config key delimiter), or leave it out to detect it');
    expect(e.line).toBe(1);
  });

  it('is accepted when no other delimiter splits the header (a one-column file)', async () => {
    const t = await read('csv', 'a\n1\n2\n', { delimiter: ';' });
    expect(t.names).toEqual(['a']);
  });
});

describe('readTable names its file', () => {
  it('in the table, so reports built from it name it too', async () => {
    const path = file('csv', 'a\n1\n');
    expect((await readTable(path)).path).toBe(path);
  });
});

describe('line numbers after blank lines', () => {
  it('stay right when a read window ends on a blank line', async () => {
    for (const chunkSize of [1, 2, 3, 5, 8, 64]) {
      const e = await failure(read('csv', 'a,b\n\n1,2\n\n\n3,4\n5\n', { chunkSize }));
      expect(e.line).toBe(7);
    }
  });
});
