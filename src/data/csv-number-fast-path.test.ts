import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';

// The CSV parser's inline number path (four digits per 32-bit load, then Clinger's division or the exact
// quotient of decimal-quotient.ts) must give exactly Number(text) for every plain decimal, whatever the
// digit count, the dot position, the sign, leading or trailing zeros, and wherever a chunk ends.

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-csv-num-'));
let fileNo = 0;

async function readNumbers(texts: string[][], chunkSize?: number): Promise<number[][]> {
  const header = texts[0]!.map((_, i) => `n${i}`).join(',') + ',cat\n';
  const body = texts.map((row, r) => `${row.join(',')},${r % 3 === 0 ? 'north' : 'south'}\n`).join('');
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, header + body);
  const table = await readTable(path, chunkSize === undefined ? {} : { chunkSize });
  return texts[0]!.map((_, i) => {
    const col = table.columns[i]!;
    if (col.storage !== 'numeric') throw new Error(`column ${i} is not numeric`);
    return Array.from(col.values.subarray(0, table.rowCount));
  });
}

function expectExact(texts: string[][], values: number[][]): void {
  texts.forEach((row, r) =>
    row.forEach((t, i) => {
      const v = values[i]![r]!;
      expect(Object.is(v, Number(t)), `row ${r} "${t}": got ${v}, Number() gives ${Number(t)}`).toBe(true);
    }),
  );
}

const digitString = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** A plain decimal: optional '-', 0-20 integer digits, optionally '.' and 0-25 digits, at least one digit. */
const decimal = fc
  .tuple(fc.boolean(), digitString(0, 20), fc.option(digitString(0, 25), { nil: undefined }))
  .filter(([, int, frac]) => int.length + (frac?.length ?? 0) > 0)
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);

/** 1 to 25 significant digits with the dot anywhere, as pandas and String(x) write them. */
const placed = fc.tuple(fc.boolean(), digitString(1, 25), fc.nat()).map(([neg, digits, at]) => {
  const p = at % (digits.length + 1);
  const int = digits.slice(0, p) || '0';
  const frac = digits.slice(p);
  return `${neg ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
});

const boundaries = [
  '0',
  '-0',
  '0.0',
  '-0.0',
  '000123.4500',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '9007199254740993.0',
  '900719925474099.3',
  '18014398509481986',
  '0.30000000000000004',
  '0.1',
  '0.8123740528476543',
  '-1.234567890123456',
  '1043.2349572340123',
  '54.12349873452345',
  '1222.7804670859434',
  '10000000000000000000000',
  '1000000000000000000000.5',
  '0.0000000000000000000001',
  '0.00000000000000000000012345678901234567',
  '123456789012345678901234567890',
  '99999999999999999999',
  '18446744073709551615',
  '18446744073709551616',
  '4.9406564584124654',
  '2.2250738585072014',
  '1.7976931348623157',
  '0.5',
  '0.25000000000000000',
  '1.00000000000000011102230246251565',
];

describe('CSV number fast path', () => {
  it('reads random plain decimals exactly as Number() at random chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.oneof(decimal, placed), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 60 }),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
        async (texts, chunkSize) => expectExact(texts, await readNumbers(texts, chunkSize)),
      ),
      { numRuns: 300 },
    );
  });

  it('reads pandas-style 16-17 digit doubles exactly, many rows per chunk', async () => {
    const rows = fc.sample(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e5, max: 1e5 }), { minLength: 6, maxLength: 6 }),
      { numRuns: 3000, seed: 7 },
    );
    const texts = rows.map((r) => r.map((x) => String(x)));
    expectExact(texts, await readNumbers(texts));
    expectExact(texts, await readNumbers(texts, 4099));
  });

  it('reads boundary texts exactly (2^53 neighbours, ties, 10^22, long mantissas, zeros)', async () => {
    const texts = boundaries.map((t, i) => [t, boundaries[(i + 7) % boundaries.length]!]);
    expectExact(texts, await readNumbers(texts));
    for (const chunkSize of [1, 3, 5, 17]) expectExact(texts, await readNumbers(texts, chunkSize));
  });
});
