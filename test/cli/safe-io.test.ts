/**
 * Issue 8 §2, "never alter the user's data, never hang": pass-through columns copied as read by predict and
 * simulate-drift, outputs that would overwrite an input refused, impossible output folders failing at
 * once, two runs writing the same --out leaving one consistent set, and pipes read as data.
 */
import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/index.js';
import { columnOf, readCells, trickyCell, writeCells } from '../helpers/csv-cells.js';
import { repoRoot, runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir('driftwatch-safe-io-');
afterAll(cleanup);
let n = 0;
const fresh = (ext = 'csv'): string => join(dir, `f${++n}.${ext}`);

const SAMPLE = 'x,zip,id,price,z,name,note\n' +
  '0.5,02100,12345678901234567891,1.50,-0,"a,b","say ""hi"""\n' +
  '1.5,00501,12345678901234567892,2.00,0,NA,"two\nlines"\n' +
  '2.5,10001,12345678901234567893,3.10,-0.0,plain,\n' +
  '3.5,02100,12345678901234567894,0.00,1e3,plain,x\n';

const model = join(dir, 'model.json');
beforeAll(async () => {
  const rows = Array.from({ length: 60 }, (_, i) => `${(i % 7) + i / 60},${i % 2}`);
  writeFileSync(join(dir, 'train.csv'), `x,y\n${rows.join('\n')}\n`);
  const r = await runCli(['train', '--data', join(dir, 'train.csv'), '--label', 'y', '--algo', 'logreg', '--valid-fraction', '0', '--out', model, '--quiet']);
  expect(r.stderr).toBe('');
});

describe('pass-through columns are written exactly as read', () => {
  it('predict copies every input column and adds its own', async () => {
    const data = fresh();
    writeFileSync(data, SAMPLE);
    const out = fresh();
    const r = await runCli(['predict', '--model', model, '--data', data, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    const cells = readCells(readFileSync(out, 'utf8'));
    const input = readCells(SAMPLE);
    expect(cells[0]).toEqual([...input[0]!, 'prediction', 'probability']);
    for (const name of input[0]!) expect(columnOf(cells, name)).toEqual(columnOf(input, name));
    expect(columnOf(cells, 'id')).toEqual(['12345678901234567891', '12345678901234567892', '12345678901234567893', '12345678901234567894']);
  });

  it('simulate-drift copies untouched columns, blanks only what --missing removed, formats what it changed', async () => {
    const data = fresh();
    writeFileSync(data, SAMPLE);
    const out = fresh();
    const r = await runCli(['simulate-drift', '-i', data, '-o', out, '--shift', 'x=1', '--missing', 'zip=0.5', '--quiet']);
    expect(r.stderr).toBe('');
    const cells = readCells(readFileSync(out, 'utf8'));
    const input = readCells(SAMPLE);
    expect(cells[0]).toEqual(input[0]);
    for (const name of ['id', 'price', 'z', 'name', 'note']) expect(columnOf(cells, name)).toEqual(columnOf(input, name));
    expect(columnOf(cells, 'x')).toEqual(['1.5', '2.5', '3.5', '4.5']);
    const zip = columnOf(cells, 'zip');
    expect(zip.filter((v) => v === '')).toHaveLength(2);
    zip.forEach((v, i) => expect(['', columnOf(input, 'zip')[i]]).toContain(v));
  });

  it('property: any column of a passed-through CSV survives predict and simulate-drift byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }).chain((width) => fc.array(fc.array(trickyCell, { minLength: width, maxLength: width }), { minLength: 2, maxLength: 10 })),
        fc.constantFrom(',' as const, ';' as const, '\t' as const),
        fc.boolean(),
        async (rows, delimiter, quoteAll) => {
          // x feeds the model and takes the shift; key identifies rows after --resample; g is what is resampled.
          const header = ['x', 'key', 'g', ...rows[0]!.map((_, k) => `p${k}`)];
          const full = rows.map((r, i) => [String(i % 3), `k${i}`, i % 2 === 0 ? 'a' : 'b', ...r]);
          const style = { delimiter, lineEnd: '\n' as const, quoteAll, bom: false, finalLineEnd: true };
          const data = fresh();
          writeFileSync(data, writeCells(header, full, style));
          const delim = delimiter === '\t' ? 'tab' : delimiter;
          const input = new Map(full.map((r) => [r[1]!, r]));

          const predicted = fresh();
          const p = await runCli(['predict', '--model', model, '--data', data, '--out', predicted, '--delimiter', delim, '--quiet']);
          expect(p.stderr).toBe('');
          const pc = readCells(readFileSync(predicted, 'utf8'));
          for (let k = 0; k < header.length; k++) expect(columnOf(pc, header[k]!)).toEqual(full.map((r) => r[k]));

          const drifted = fresh();
          const s = await runCli(['simulate-drift', '-i', data, '-o', drifted, '--delimiter', delim, '--shift', 'x=1', '--resample', 'g=a:1', '--missing', 'p0=0.3', '--quiet']);
          expect(s.stderr).toBe('');
          const sc = readCells(readFileSync(drifted, 'utf8'));
          expect(sc[0]).toEqual(header);
          for (const row of sc.slice(1)) {
            const from = input.get(row[1]!)!;
            expect(from).toBeDefined();
            for (let k = 2; k < header.length; k++) {
              if (header[k] === 'p0') expect(['', from[k]]).toContain(row[k]);
              else expect(row[k]).toBe(from[k]);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('outputs that would destroy an input are refused', () => {
  const transform = ['--shift', 'x=1'];
  it.each([
    ['the same name', (f: string) => f],
    ['another spelling', (f: string) => join(dir, '.', 'sub', '..', f.slice(dir.length + 1))],
    ['a symlink', (f: string) => {
      const link = fresh();
      symlinkSync(f, link);
      return link;
    }],
    ['a hard link', (f: string) => {
      const link = fresh();
      linkSync(f, link);
      return link;
    }],
  ])('simulate-drift and predict, --out naming the input by %s', async (_, alias) => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const data = fresh();
    writeFileSync(data, SAMPLE);
    const out = alias(data);
    const s = await runCli(['simulate-drift', '-i', data, '-o', out, ...transform]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^driftwatch: --out: .* is the input file.*; writing it would destroy the input: give another file name\n$/);
    const p = await runCli(['predict', '--model', model, '--data', data, '--out', out]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/is the data file/);
    expect(readFileSync(data, 'utf8')).toBe(SAMPLE);
  });
});

describe('an output path that cannot be created fails at once, naming it', () => {
  const proc = existsSync('/proc/self');
  it.runIf(proc).each([
    ['analyze', ['analyze', '-r', 'in.csv', '-c', 'in.csv', '-o', '/proc/driftwatch-x/reports']],
    ['simulate-drift', ['simulate-drift', '-i', 'in.csv', '-o', '/proc/driftwatch-x/out.csv', '--shift', 'x=1']],
    ['predict', ['predict', '--model', model, '--data', 'in.csv', '--out', '/proc/driftwatch-x/out.csv']],
    ['train', ['train', '--data', 'in.csv', '--label', 'name', '--out', '/proc/driftwatch-x/model.json']],
  ])('%s', async (_, args) => {
    writeFileSync(join(dir, 'in.csv'), SAMPLE);
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: /proc/driftwatch-x cannot be created as a folder (the file system does not allow new folders there); choose a folder you can write to\n');
  });
});

/** Writes `bytes` into a new FIFO from another process and returns the FIFO's path. */
async function fifoWith(bytes: Uint8Array): Promise<string> {
  const source = fresh('bin');
  writeFileSync(source, bytes);
  const fifo = fresh('fifo');
  await new Promise<void>((resolve, reject) => spawn('mkfifo', [fifo]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mkfifo: ${code}`)))));
  spawn('sh', ['-c', `cat "${source}" > "${fifo}"`], { stdio: 'ignore' });
  return fifo;
}

describe('input from a pipe is read, not taken for an empty file', () => {
  it('CSV, gzip CSV, JSON Lines and Parquet through a FIFO (no extension: told from the content)', async () => {
    const csv = await readTable(await fifoWith(Buffer.from('a,b\n1,x\n2,y\n')));
    expect([csv.names, csv.rowCount]).toEqual([['a', 'b'], 2]);
    const gz = await readTable(await fifoWith(gzipSync('a;b\n1;x\n2;y\n3;z\n')));
    expect([gz.names, gz.rowCount]).toEqual([['a', 'b'], 3]);
    const jsonl = await readTable(await fifoWith(Buffer.from('{"a":1,"b":"x"}\n{"a":2}\n')));
    expect([jsonl.names, jsonl.rowCount]).toEqual([['a', 'b'], 2]);
    const parquetFile = join(repoRoot, 'test', 'fixtures', 'data', 'small.parquet');
    const parquet = await readTable(await fifoWith(readFileSync(parquetFile)));
    const direct = await readTable(parquetFile);
    expect(parquet.names).toEqual(direct.names);
    expect(parquet.rowCount).toBe(direct.rowCount);
  });

  it('an empty pipe is reported as empty', async () => {
    await expect(readTable(await fifoWith(new Uint8Array(0)))).rejects.toMatchObject({ code: 'FILE_EMPTY' });
  });

  it('analyze reads a FIFO as --current, on its worker thread', async () => {
    const ref = fresh();
    writeFileSync(ref, SAMPLE);
    const fifo = await fifoWith(Buffer.from(SAMPLE));
    const r = await runCli(['analyze', '-r', ref, '-c', fifo, '-f', 'terminal', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { current: { rows: number } }).current.rows).toBe(4);
  });

  it('--reference and --current cannot both be stdin', async () => {
    const r = await runCli(['analyze', '-r', '-', '-c', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: --reference and --current cannot both read standard input (-); give one of them as a file\n');
  });
});
