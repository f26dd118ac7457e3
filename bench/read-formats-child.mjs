// One measured read for bench/read-formats-bench.ts, in a fresh process on the built library (dist/): reads
// the reference and the current file at once on two worker threads, as `driftwatch analyze` does, and
// prints the wall time, the CPU time of all threads, the peak RSS of the process (workers included) and a checksum of the tables.
// Usage: node bench/read-formats-child.mjs <reference> <current>
import { readTableInWorker } from '../dist/data/index.js';

const [reference, current] = process.argv.slice(2);
const cpu0 = process.cpuUsage();
const started = performance.now();
const tables = await Promise.all([readTableInWorker(reference, { fallback: false }), readTableInWorker(current, { fallback: false })]);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
let checksum = 0;
for (const t of tables) {
  for (const c of t.columns) {
    if (c.storage === 'numeric') {
      for (const v of c.values) if (v === v) checksum += v;
    } else {
      for (const k of c.codes) checksum += k;
    }
  }
}
const shape = tables.map((t) => `${t.rowCount}x${t.columns.length}`).join(' ');
console.log(JSON.stringify({ seconds, cpuSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024, checksum, shape }));
