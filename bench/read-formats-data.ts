/**
 * The data `bench:read` reads: a reference and a current table of 200,000 rows x (20 numeric + 5
 * categorical) columns, written once as CSV, JSON Lines and Parquet (hyparquet-writer, its defaults: snappy,
 * dictionary pages where they pay) into bench/.cache. The three files of one table hold the same values, so
 * the figures compare the formats, not the data. Numbers are written the way exports write them: integers,
 * 2-4 decimals, the odd full-precision double, a little missing data.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { createRng, type Rng } from '../src/core/rng.js';

export const NUMERIC = 20;
export const CATEGORICAL = 5;

const CATEGORIES = [
  ['north', 'south', 'east', 'west'],
  ['basic', 'plus', 'premium'],
  ['web', 'ios', 'android', 'store', 'phone', 'partner'],
  ['yes', 'no'],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
];

export interface BenchFiles {
  readonly csv: string;
  readonly jsonl: string;
  readonly parquet: string;
}

/** One numeric value (null when missing), as the double its shortest text parses to. */
function numeric(rng: Rng, col: number, drifted: boolean): number | null {
  if (col % 7 === 3 && rng.next() < 0.02) return null;
  const shift = drifted && col % 3 === 0 ? 0.4 : 0;
  const v = (rng.normal() + shift) * (col + 1) * 10;
  switch (col % 5) {
    case 0:
      return Math.round(v);
    case 4:
      return v;
    default:
      return Number(v.toFixed(2 + (col % 3)));
  }
}

function category(rng: Rng, col: number, drifted: boolean): string | null {
  if (col === 2 && rng.next() < 0.01) return null;
  const cats = CATEGORIES[col]!;
  return cats[drifted && col % 2 === 0 && rng.next() < 0.15 ? 0 : rng.int(cats.length)]!;
}

/** Writes the three files of one table unless they are there already. */
export async function benchTable(dir: string, name: string, rows: number, seed: number, drifted: boolean): Promise<BenchFiles> {
  const files: BenchFiles = { csv: join(dir, `${name}.csv`), jsonl: join(dir, `${name}.jsonl`), parquet: join(dir, `${name}.parquet`) };
  if (existsSync(files.csv) && existsSync(files.jsonl) && existsSync(files.parquet)) return files;
  mkdirSync(dir, { recursive: true });
  const rng = createRng(seed);
  const names = [...Array.from({ length: NUMERIC }, (_, i) => `num_${i}`), ...Array.from({ length: CATEGORICAL }, (_, i) => `cat_${i}`)];
  const numbers = Array.from({ length: NUMERIC }, () => new Array<number | null>(rows));
  const texts = Array.from({ length: CATEGORICAL }, () => new Array<string | null>(rows));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < NUMERIC; c++) numbers[c]![r] = numeric(rng, c, drifted);
    for (let c = 0; c < CATEGORICAL; c++) texts[c]![r] = category(rng, c, drifted);
  }
  const cell = (c: number, r: number): number | string | null => (c < NUMERIC ? numbers[c]![r]! : texts[c - NUMERIC]![r]!);

  await writeLines(files.csv, names.join(','), rows, (r) => names.map((_, c) => cell(c, r) ?? '').join(','));
  await writeLines(files.jsonl, null, rows, (r) => JSON.stringify(Object.fromEntries(names.map((n, c) => [n, cell(c, r)]))));
  const partial = `${files.parquet}.partial`;
  await parquetWriteFile({
    filename: partial,
    columnData: names.map((n, c) =>
      c < NUMERIC
        ? c % 5 === 0
          ? { name: n, data: numbers[c]!.map((v) => (v === null ? null : BigInt(v))), type: 'INT64' as const }
          : { name: n, data: numbers[c]!, type: 'DOUBLE' as const }
        : { name: n, data: texts[c - NUMERIC]!, type: 'STRING' as const },
    ),
  });
  renameSync(partial, files.parquet);
  return files;
}

async function writeLines(path: string, header: string | null, rows: number, line: (r: number) => string): Promise<void> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { highWaterMark: 1 << 22 });
  let chunk = header === null ? '' : header + '\n';
  for (let r = 0; r < rows; r++) {
    chunk += line(r) + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  renameSync(partial, path);
}
