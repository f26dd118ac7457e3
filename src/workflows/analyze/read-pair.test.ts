import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDriftwatchError } from '../../core/index.js';
import { readTable } from '../../data/index.js';
import { readInputPair } from './read-pair.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-read-pair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV of `rows` rows (about 40 bytes each); `broken` makes line 3 ragged. */
function csv(name: string, rows: number, broken = false): { absolute: string; display: string } {
  const lines = ['a,b,c,d,e'];
  for (let i = 0; i < rows; i++) lines.push(`${i * 0.25},${i % 7},${(i * 13) % 101}.5,x${i % 5},${-i / 3}`);
  if (broken) lines[2] = '1,2,3';
  const absolute = join(dir, name);
  writeFileSync(absolute, `${lines.join('\n')}\n`);
  return { absolute, display: name };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; file: string | undefined; line: number | undefined }> {
  try {
    await p;
  } catch (e) {
    if (isDriftwatchError(e)) return { code: e.code, file: e.file, line: e.line };
    throw e;
  }
  throw new Error('expected the read to fail');
}

describe('readInputPair', () => {
  // Small pairs are read here one after the other; larger ones here and on a worker at once.
  for (const [what, rows] of [['small files (read on this thread)', 200], ['large files (this thread and a worker)', 120_000]] as const) {
    it(`${what}: the same tables as readTable`, async () => {
      const ref = csv(`ref-${rows}.csv`, rows);
      const cur = csv(`cur-${rows}.csv`, rows + 3);
      const [a, b] = await readInputPair(ref, cur);
      for (const [t, f] of [[a, ref], [b, cur]] as const) {
        const direct = await readTable(f.absolute);
        expect(t.rowCount).toBe(direct.rowCount);
        expect(t.names).toEqual(direct.names);
        for (const c of direct.columns) {
          const got = t.column(c.name)!;
          expect(got.storage).toBe(c.storage);
          if (c.storage === 'numeric' && got.storage === 'numeric') expect(Array.from(got.values)).toEqual(Array.from(c.values));
          if (c.storage === 'categorical' && got.storage === 'categorical') expect(got.dictionary).toEqual(c.dictionary);
        }
      }
    });

    it(`${what}: a broken current file is reported, naming it and its line, whichever side fails`, async () => {
      const good = csv(`good-${rows}.csv`, rows);
      const bad = csv(`bad-${rows}.csv`, rows, true);
      expect(await failure(readInputPair(good, bad))).toMatchObject({ code: 'PARSE_ERROR', file: `bad-${rows}.csv`, line: 3 });
      expect(await failure(readInputPair(bad, good))).toMatchObject({ code: 'PARSE_ERROR', file: `bad-${rows}.csv`, line: 3 });
    });
  }

  it('files of many short columns are read on this thread, large as they are', async () => {
    // 20,000 columns x 24 rows: about 4.8 MB together, past the small-pair size, and 120 bytes a column,
    // which a worker would hand over column by column for longer than it takes to read them here.
    const wide = (name: string, shift: number): { absolute: string; display: string } => {
      const cols = 20_000;
      const lines = [Array.from({ length: cols }, (_, k) => `c${k}`).join(',')];
      for (let r = 0; r < 24; r++) lines.push(Array.from({ length: cols }, (_, k) => ((r * 7 + k) % 97) / 10 + shift).join(','));
      const absolute = join(dir, name);
      writeFileSync(absolute, `${lines.join('\n')}\n`);
      return { absolute, display: name };
    };
    const [a, b] = await readInputPair(wide('wide-ref.csv', 0), wide('wide-cur.csv', 1));
    for (const t of [a, b]) {
      expect(t.columns).toHaveLength(20_000);
      const first = t.columns[0]!;
      // A worker's columns come on SharedArrayBuffer; this thread's do not.
      expect(first.storage === 'numeric' && first.values.buffer instanceof SharedArrayBuffer).toBe(false);
    }
    expect(b.column('c19999')).toMatchObject({ storage: 'numeric' });
  });

  it('a caller that aborts gets its reason', async () => {
    const ref = csv('abort-ref.csv', 120_000);
    const cur = csv('abort-cur.csv', 120_000);
    const stop = new AbortController();
    const reading = readInputPair(ref, cur, { signal: stop.signal });
    stop.abort(new Error('stopped by the caller'));
    await expect(reading).rejects.toThrow('stopped by the caller');
  });
});
