import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { columnOf, csvStyle, readCells, trickyCell, writeCells } from '../../../test/helpers/csv-cells.js';
import { numericColumn } from '../table/index.js';
import { passThrough, passThroughCsvString, readTableWithCellText, type OutputColumn } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-cell-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

function file(text: string): string {
  const path = join(dir, `f${++fileNo}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Every column copied through, as predict and simulate-drift do with columns they do not change. */
function copyAll(input: Awaited<ReturnType<typeof readTableWithCellText>>): OutputColumn[] {
  return input.table.columns.map((c) => passThrough(c.name, c, input));
}

describe('cell text kept beside the typed read', () => {
  it('copies what a number parser would change, exactly', async () => {
    const text = 'zip,id,price,z,name,note\n02100,12345678901234567891,1.50,-0,"a,b","say ""hi"""\n00501,12345678901234567892,2.00,0,NA,"two\nlines"\n';
    const input = await readTableWithCellText(file(text), { keep: () => true });
    expect(input.table.column('zip')?.storage).toBe('numeric');
    expect(passThroughCsvString(copyAll(input), input.table.rowCount)).toBe(text);
  });

  it('writes only the kept columns as read; the others as Driftwatch formats them', async () => {
    const input = await readTableWithCellText(file('a;b\n1.50;007\n2.25;010\n'), { keep: (name) => name !== 'a' });
    const out = passThroughCsvString(copyAll(input), 2);
    expect(out).toBe('a,b\n1.5,007\n2.25,010\n');
  });

  it('maps rows and blanks only the cells made missing', async () => {
    const input = await readTableWithCellText(file('k,v\n1,NA\n2,02\n3,x\n'), { keep: () => true });
    const rows = Int32Array.from([2, 0, 0, 1]);
    const blanked = numericColumn('k', [NaN, 1, NaN, 2]);
    const k = passThrough('k', input.table.column('k')!, input, { rows, blanked });
    const v = passThrough('v', input.table.column('v')!, input, { rows });
    expect(passThroughCsvString([k, v], 4)).toBe('k,v\n,x\n1,NA\n,NA\n2,02\n');
  });

  it('keeps the header as written, and a lone empty cell as ""', async () => {
    const input = await readTableWithCellText(file(',b\n,1\n"",2\n'), { keep: () => true });
    expect(input.table.names).toEqual(['unnamed_1', 'b']);
    expect(passThroughCsvString(copyAll(input), 2)).toBe(',b\n,1\n,2\n');
    const one = await readTableWithCellText(file('a\n1\n""\n3\n'), { keep: () => true });
    expect(passThroughCsvString(copyAll(one), one.table.rowCount)).toBe('a\n1\n""\n3\n');
  });

  it('has no cell text for JSON Lines (typed values are written formatted)', async () => {
    const path = join(dir, 'x.jsonl');
    writeFileSync(path, '{"a":1.5,"b":"02100"}\n');
    const input = await readTableWithCellText(path, { keep: () => true });
    expect(input.cellText).toBeUndefined();
    expect(passThroughCsvString(copyAll(input), 1)).toBe('a,b\n1.5,02100\n');
  });

  it('property: any column survives byte for byte, whatever the delimiter, quoting, line ends and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }).chain((width) => fc.array(fc.array(trickyCell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 })),
        csvStyle,
        fc.integer({ min: 1, max: 64 }),
        async (rows, style, chunkSize) => {
          const header = rows[0]!.map((_, k) => `c${k}`);
          const path = file(writeCells(header, rows, style));
          const input = await readTableWithCellText(path, { keep: () => true, delimiter: style.delimiter, chunkSize });
          const out = readCells(passThroughCsvString(copyAll(input), input.table.rowCount));
          for (let k = 0; k < header.length; k++) expect(columnOf(out, `c${k}`)).toEqual(rows.map((r) => r[k]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
