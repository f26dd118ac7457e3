/**
 * Throughput of the CSV reader: writes a ~100 MB CSV (30 numeric columns like the headline benchmark's,
 * plus 5 categorical) to the temp directory once, reads it a few times, and prints MB/s.
 * Run: node --import tsx bench/read-csv-bench.ts [megabytes] [--numeric-only] [--file path.csv]
 * `--file` reads an existing CSV instead (say a cut of the headline benchmark's files).
 * Also compares reading two files one after the other with reading them on two worker threads.
 */
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { readTable, readTableInWorker } from '../src/data/index.js';

const args = process.argv.slice(2);
const fileAt = args.indexOf('--file');
const givenFile = fileAt >= 0 ? args[fileAt + 1] : undefined;
const targetMb = Number(args.find((a, i) => !a.startsWith('--') && (fileAt < 0 || i !== fileAt + 1)) ?? 100);
const numericOnly = args.includes('--numeric-only');
const path = givenFile ?? join(tmpdir(), `driftwatch-bench-${targetMb}mb${numericOnly ? '-num' : ''}.csv`);

async function generate(): Promise<void> {
  const rng = createRng(42);
  const out = createWriteStream(path);
  const cats = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
  const header = [...Array.from({ length: 30 }, (_, i) => `f${i}`), ...(numericOnly ? [] : Array.from({ length: 5 }, (_, i) => `c${i}`))];
  out.write(header.join(',') + '\n');
  let bytes = 0;
  const target = targetMb * 1e6;
  while (bytes < target) {
    const lines: string[] = [];
    for (let r = 0; r < 1000; r++) {
      const fields: string[] = [];
      for (let i = 0; i < 30; i++) {
        const v = rng.normal() * (i + 1) * 10;
        // Mixed precisions like real exports: integers, 2-6 decimals, the odd full-precision double.
        fields.push(i % 10 === 0 ? String(Math.round(v)) : i % 10 === 9 ? String(v) : v.toFixed(2 + (i % 5)));
      }
      if (!numericOnly) for (let i = 0; i < 5; i++) fields.push(cats[rng.int(cats.length)]!);
      lines.push(fields.join(','));
    }
    const chunk = lines.join('\n') + '\n';
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/** The naive baseline: read the file in 4 MiB chunks and count line feeds, no parsing. */
async function baseline(): Promise<number> {
  const handle = await open(path, 'r');
  const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
  let position = 0;
  let lines = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buf, 0, buf.length, position);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) if (buf[i] === 10) lines++;
    position += bytesRead;
  }
  await handle.close();
  return lines;
}

/**
 * What the output alone costs: allocating and writing arrays the size of the parsed columns. In sandboxed
 * VMs the first write to fresh memory (a page fault per 4 KiB) can cost as much as the parsing itself.
 */
async function touchOutput(rows: number, numeric: number, categorical: number): Promise<number> {
  const keep: (Float64Array | Int32Array)[] = [];
  for (let k = 0; k < numeric; k++) keep.push(new Float64Array(rows).fill(1));
  for (let k = 0; k < categorical; k++) keep.push(new Int32Array(rows).fill(1));
  return keep.length;
}

async function timed<T>(f: () => Promise<T>): Promise<{ result: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1e6 };
}

if (!existsSync(path)) {
  if (givenFile !== undefined) throw new Error(`${givenFile} does not exist`);
  await generate();
}
const size = statSync(path).size;
const mb = size / 1e6;
console.log(`file: ${path} (${mb.toFixed(1)} MB)`);
// Wall time suffers when other processes share the cores; CPU time and the baseline ratio are steadier.
for (let run = 0; run < 3; run++) {
  const base = await timed(baseline);
  const read = await timed(() => readTable(path));
  const table = read.result;
  const numeric = table.columns.filter((c) => c.storage === 'numeric').length;
  const touch = await timed(() => touchOutput(table.rowCount, numeric, table.columns.length - numeric));
  console.log(
    `run ${run + 1}: ${table.rowCount} rows x ${table.columns.length} columns: ${(mb / read.wall).toFixed(0)} MB/s wall, ${(mb / read.cpu).toFixed(0)} MB/s CPU` +
      ` | baseline (read + count newlines) ${(mb / base.wall).toFixed(0)} MB/s wall, ${(mb / base.cpu).toFixed(0)} MB/s CPU` +
      ` | allocating + writing output-sized arrays alone takes ${(touch.wall * 1000).toFixed(0)} ms` +
      ` | array buffers ${(process.memoryUsage().arrayBuffers / 1e6).toFixed(0)} MB`,
  );
}

// The headline case reads a reference and a current file: one worker each uses both cores.
{
  const sequential = await timed(async () => [await readTable(path), await readTable(path)]);
  const parallel = await timed(() => Promise.all([readTableInWorker(path, { fallback: false }), readTableInWorker(path, { fallback: false })]));
  console.log(
    `two files: one after the other ${((2 * mb) / sequential.wall).toFixed(0)} MB/s wall; two workers at once ${((2 * mb) / parallel.wall).toFixed(0)} MB/s wall`,
  );
}
