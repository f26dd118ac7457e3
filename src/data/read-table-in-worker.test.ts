import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../core/errors.js';
import { readTable } from './read-table.js';
import { readTableInWorker } from './read-table-in-worker.js';
import { prestartReadWorker, takePrestartedReadWorker } from './read-worker-prestart.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-worker-'));

describe('readTableInWorker', () => {
  it('returns the same table as readTable, with progress, from a real worker', async () => {
    const p = join(dir, 'a.csv');
    const lines = Array.from({ length: 3000 }, (_, i) => `${i * 0.5},${['x', 'y', 'z'][i % 3]},${i % 7 === 0 ? '' : i},2024-01-0${(i % 9) + 1}`);
    writeFileSync(p, 'num,cat,gappy,day\n' + lines.join('\n') + '\n');
    const progress: number[] = [];
    const viaWorker = await readTableInWorker(p, { fallback: false, chunkSize: 8192, onProgress: (done) => progress.push(done) });
    const direct = await readTable(p, { chunkSize: 8192 });
    expect(viaWorker.names).toEqual(direct.names);
    expect(viaWorker.columns).toEqual(direct.columns);
    expect(viaWorker.column('day')!.kind).toBe('datetime');
    expect(progress.length).toBeGreaterThan(1);
    // Shared, so analysis workers can be lent the columns without a copy.
    for (const c of viaWorker.columns) expect((c.storage === 'numeric' ? c.values : c.codes).buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('a worker started before its file is known reads it like a new one, and the next read starts its own', async () => {
    const p = join(dir, 'pre.csv');
    writeFileSync(p, 'a,b\n' + Array.from({ length: 500 }, (_, i) => `${i / 4},${i % 3 === 0 ? 'u' : 'v'}`).join('\n') + '\n');
    const direct = await readTable(p);
    prestartReadWorker();
    // Give it time to load the reader and wait: the job arrives as a message, not as workerData.
    await new Promise((r) => setTimeout(r, 300));
    const first = await readTableInWorker(p, { fallback: false });
    // The read took the prestarted worker: none is left.
    expect(takePrestartedReadWorker()).toBeUndefined();
    const second = await readTableInWorker(p, { fallback: false });
    for (const t of [first, second]) {
      expect(t.columns).toEqual(direct.columns);
      expect(t.columns[0]!.storage === 'numeric' && t.columns[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('an unused prestarted worker does not keep the process alive', () => {
    const module = new URL('./read-worker-prestart.ts', import.meta.url).href;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const m = await import(${JSON.stringify(module)}); m.prestartReadWorker();`], { timeout: 30_000, encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
  });

  it('rethrows reader errors as DriftwatchError with code and location', async () => {
    const p = join(dir, 'bad.csv');
    writeFileSync(p, 'a,b\n1,2\n3\n');
    const e = await readTableInWorker(p, { fallback: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DriftwatchError);
    expect((e as DriftwatchError).code).toBe('PARSE_ERROR');
    expect((e as DriftwatchError).line).toBe(3);
    expect((e as DriftwatchError).file).toBe(p);
  });

  it('stops the worker and rejects with the reason when the signal aborts', async () => {
    const p = join(dir, 'big.csv');
    const row = '1.25,2.5,abc\n';
    writeFileSync(p, 'a,b,c\n' + row.repeat(400_000));
    const stop = new AbortController();
    const reason = new Error('the other file failed');
    const reading = readTableInWorker(p, { fallback: false, chunkSize: 1 << 16, signal: stop.signal, onProgress: () => stop.abort(reason) });
    await expect(reading).rejects.toBe(reason);
    // Already aborted: rejects without starting a worker.
    await expect(readTableInWorker(p, { fallback: false, signal: stop.signal })).rejects.toBe(reason);
  });
});
