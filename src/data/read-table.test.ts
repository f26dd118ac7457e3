import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-read-table-'));

describe('readTable textColumns', () => {
  it('keeps the exact text of the named columns and ignores names the file lacks', async () => {
    const p = join(dir, 'zips.csv');
    writeFileSync(p, 'zip,n\n007,1\n010,2\n7,3\n10.0,4\n');
    const t = await readTable(p, { textColumns: ['zip', 'not_there'] });
    const zip = t.column('zip')!;
    expect(zip.storage).toBe('categorical');
    if (zip.storage === 'categorical') expect(Array.from(zip.codes, (c) => zip.dictionary[c])).toEqual(['007', '010', '7', '10.0']);
    expect(t.column('n')!.kind).toBe('numeric');
    // Without it the codes are numbers, as inference reads them.
    expect((await readTable(p)).column('zip')!.storage).toBe('numeric');
  });
});
