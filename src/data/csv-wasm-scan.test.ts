import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsvWasmScan } from './csv-wasm-scan.js';
import { readTable, type ReadOptions } from './read-table.js';
import type { Table } from './table/index.js';

// The WebAssembly scanner is an accelerator in front of the JavaScript parser: with it on or off
// (DRIFTWATCH_CSV_WASM=0), every file must read to the same table, bit for bit (NaN payloads and -0
// included), with the same dictionaries, first-seen lines, errors and line numbers.

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-csv-wasm-'));
let fileNo = 0;

type Outcome = { table: Table } | { error: string };

async function readWith(path: string, wasm: boolean, options: ReadOptions): Promise<Outcome> {
  const before = process.env.DRIFTWATCH_CSV_WASM;
  if (wasm) delete process.env.DRIFTWATCH_CSV_WASM;
  else process.env.DRIFTWATCH_CSV_WASM = '0';
  try {
    return { table: await readTable(path, options) };
  } catch (e) {
    return { error: `${(e as Error).message} ${JSON.stringify(e)}` };
  } finally {
    if (before === undefined) delete process.env.DRIFTWATCH_CSV_WASM;
    else process.env.DRIFTWATCH_CSV_WASM = before;
  }
}

/** A comparable image of a table: doubles as their 64-bit patterns. */
function image(outcome: Outcome): unknown {
  if ('error' in outcome) return outcome;
  const { table } = outcome;
  return {
    rowCount: table.rowCount,
    columns: table.columns.map((c) =>
      c.storage === 'numeric'
        ? { name: c.name, kind: c.kind, bits: Array.from(new BigUint64Array(Float64Array.from(c.values).buffer), String) }
        : { name: c.name, kind: c.kind, codes: Array.from(c.codes), dictionary: c.dictionary, lines: c.lines },
    ),
  };
}

async function expectSameBothWays(text: string, options: ReadOptions = {}): Promise<Outcome> {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, text);
  const off = await readWith(path, false, options);
  const on = await readWith(path, true, options);
  expect(image(on)).toEqual(image(off));
  return on;
}

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Plain decimals of 1-19 significant digits (some past 2^53), leading zeros, the dot anywhere, -0. */
const plainDecimal = fc.tuple(fc.boolean(), digits(1, 19), fc.nat(), fc.nat({ max: 3 })).map(([neg, ds, at, zeros]) => {
  const p = at % (ds.length + 1);
  const text = `${'0'.repeat(zeros)}${ds.slice(0, p) || '0'}${p === ds.length ? '' : `.${ds.slice(p)}`}`;
  return `${neg ? '-' : ''}${text}`;
});

/** What a numeric column meets in practice, plain decimals most of the time. */
const numericCell = fc.oneof(
  { weight: 12, arbitrary: plainDecimal },
  { weight: 1, arbitrary: fc.constantFrom('-0', '0', '-0.0', '9007199254740993', '18446744073709551615', '9999999999999999999', '0.30000000000000004', '-.5', '5.', '.', '0.0016813211209584733', '-0.0000000000000000000012', '0.0000000000000000000000001', '00000000000000000000001.5', '0.000000000000000000000') },
  { weight: 1, arbitrary: fc.tuple(plainDecimal, fc.integer({ min: -30, max: 30 })).map(([d, e]) => `${d}e${e}`) },
  { weight: 1, arbitrary: digits(20, 24) },
  { weight: 1, arbitrary: fc.constantFrom('', 'nan', 'NA', 'null', ' 1.5', '"2.5"', '+3', 'inf', '-') },
);

const categoricalCell = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('north', 'south', 'east', 'west', 'basic', 'premium', 'e', 'no', 'yes', 'a longer value', 'é€') },
  { weight: 1, arbitrary: fc.constantFrom('', 'NA', '"quoted, with comma"', '"say ""hi"""', 'x"y', '12', '-0') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', '1', '.', ' ', '\t', 'é'), minLength: 1, maxLength: 10 }) },
);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CSV WebAssembly scanner', () => {
  it('takes plain records (the comparisons below are not vacuous)', async () => {
    const scan = vi.spyOn(CsvWasmScan.prototype, 'scan');
    const rows = Array.from({ length: 300 }, (_, i) => `${(i * 0.37).toFixed(3)},-${i}.25,${i % 3 === 0 ? 'north' : 'south'},0.${String(i * 7919).padStart(17, '3')}`);
    const outcome = await expectSameBothWays(`a,b,c,d\n${rows.join('\n')}\n`);
    expect('table' in outcome).toBe(true);
    const taken = scan.mock.results.reduce((sum, r) => sum + (r.type === 'return' && r.value !== null ? r.value.rows : 0), 0);
    expect(taken).toBeGreaterThan(250);
  });

  it('takes CRLF records too, and leaves bare CRs and blank CRLF lines to JavaScript', async () => {
    const scan = vi.spyOn(CsvWasmScan.prototype, 'scan');
    const rows = Array.from({ length: 300 }, (_, i) => `${i}.75,${i % 3 === 0 ? 'north' : 'south'},-0.${i}`);
    await expectSameBothWays(`a,b,c\r\n${rows.join('\r\n')}\r\n`);
    const taken = scan.mock.results.reduce((sum, r) => sum + (r.type === 'return' && r.value !== null ? r.value.rows : 0), 0);
    expect(taken).toBeGreaterThan(250);
    const mixed = rows.map((r, i) => (i % 17 === 0 ? `${r}\r` : i % 23 === 0 ? `${r}\r\n\r` : `${r}\r`)).join('\n');
    await expectSameBothWays(`a,b,c\n${mixed}\n`);
    await expectSameBothWays(`b\r\n${rows.map((_, i) => (i % 5 === 0 ? '' : 'x')).join('\r\n')}\r\n`);
  });

  it('reads random files exactly as the JavaScript path, whatever the chunk size and line ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(fc.tuple(numericCell, categoricalCell), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
        fc.boolean(),
        async (kinds, rows, eol, chunkSize, finalEol) => {
          const header = kinds.map((_, k) => `c${k}`).join(',');
          const body = rows.map((row) => kinds.map((categorical, k) => (categorical ? row[k]![1] : row[k]![0])).join(',')).join(eol);
          await expectSameBothWays(`${header}${eol}${body}${finalEol ? eol : ''}`, chunkSize === undefined ? {} : { chunkSize });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads long runs of plain decimals exactly, across chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(plainDecimal, plainDecimal, fc.constantFrom('north', 'south', 'NA', '')), { minLength: 50, maxLength: 400 }), fc.integer({ min: 64, max: 4096 }), async (rows, chunkSize) => {
        const text = `x,y,c\n${rows.map((r) => r.join(',')).join('\n')}\n`;
        const outcome = await expectSameBothWays(text, { chunkSize });
        if ('table' in outcome) {
          const x = outcome.table.columns[0]!;
          if (x.storage === 'numeric') rows.forEach((r, i) => expect(Object.is(x.values[i], Number(r[0]))).toBe(true));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same values near ties and powers of two past 2^53', async () => {
    const texts = ['0.0016813211209584733', '-0.00000000000000000009007199254740993', '9007199254740993', '9007199254740992.5', '18014398509481985', '0.9007199254740993', '1152921504606846977', '4503599627370497.5', '123456789012345678.9', '9999999999999999999', '-0.000000000000000001'];
    const outcome = await expectSameBothWays(`v,c\n${texts.map((t) => `${t},x`).join('\n')}\n`);
    if (!('table' in outcome)) throw new Error('read failed');
    const v = outcome.table.columns[0]!;
    if (v.storage !== 'numeric') throw new Error('not numeric');
    texts.forEach((t, i) => expect(Object.is(v.values[i], Number(t))).toBe(true));
  });

  it('keeps errors and their line numbers: ragged rows, forced numeric columns', async () => {
    const plain = Array.from({ length: 100 }, (_, i) => `${i}.5,${i},north`).join('\n');
    const ragged = await expectSameBothWays(`a,b,c\n${plain}\n1.5,2\n`);
    expect('error' in ragged && ragged.error).toContain('line 102');
    const text = await expectSameBothWays(`a,b,c\n${plain}\n1.5,x,north\n`, { columnKinds: { b: 'numeric' } });
    expect('error' in text && text.error).toContain('line 102');
  });

  it('switches a numeric column to categorical at the same row, and records first-seen lines', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i * 1.5},${i === 150 ? 'text' : String(i)},${['a', 'b', 'c'][i % 3]}${i > 120 ? i : ''}`);
    await expectSameBothWays(`x,y,c\n${rows.join('\n')}\n`);
  });

  it('does the same with numeric missing markers (the scanner stays out of it)', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 7 === 0 ? '-999' : `${i}.25`},${i % 5 === 0 ? 'n/a' : 'north'}`);
    await expectSameBothWays(`x,c\n${rows.join('\n')}\n`, { missingValues: ['-999', 'n/a', ''] });
  });

  it('skips blank lines as the JavaScript path does, even in a file of one categorical column', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => (i % 9 === 0 ? '' : i % 2 === 0 ? 'north' : 'south'));
    await expectSameBothWays(`c\n${rows.join('\n')}\n`);
    await expectSameBothWays(`c\n${rows.join('\n')}`, { chunkSize: 37 });
  });

  it('gives each of two interleaved reads on one thread its own values and codes', async () => {
    const a = join(dir, `f${fileNo++}.csv`);
    const b = join(dir, `f${fileNo++}.csv`);
    writeFileSync(a, `x,c\n${Array.from({ length: 2000 }, (_, i) => `${i}.5,${['north', 'south', 'east'][i % 3]}`).join('\n')}\n`);
    writeFileSync(b, `c,x\n${Array.from({ length: 2000 }, (_, i) => `${['east', 'west', 'north', 'yes'][i % 4]},-${i}.25`).join('\n')}\n`);
    const options = { chunkSize: 512 };
    const [onA, onB] = await Promise.all([readWith(a, true, options), readWith(b, true, options)]);
    expect(image(onA)).toEqual(image(await readWith(a, false, options)));
    expect(image(onB)).toEqual(image(await readWith(b, false, options)));
  });

  it('reads other delimiters the same', async () => {
    for (const delimiter of [';', '\t', '|']) {
      const rows = Array.from({ length: 200 }, (_, i) => [`${i}.125`, i % 4 === 0 ? 'x y' : 'north', `-${i}`].join(delimiter));
      await expectSameBothWays(`${['a', 'b', 'c'].join(delimiter)}\n${rows.join('\n')}\n`, { delimiter: delimiter === '\t' ? 'tab' : delimiter });
    }
  });
});
