import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateCsvColumns } from './header-width.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-header-width-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('estimateCsvColumns', () => {
  it('counts the fields of the first line by its most frequent delimiter', () => {
    expect(estimateCsvColumns(file('a.csv', 'a,b,c\n1,2,3\n'))).toBe(3);
    expect(estimateCsvColumns(file('b.csv', 'a;b;c;d\n1,5;2;3;4\n'))).toBe(4);
    expect(estimateCsvColumns(file('c.tsv', 'a\tb\n1\t2\n'))).toBe(2);
    expect(estimateCsvColumns(file('one.csv', 'a\n1\n'))).toBe(1);
  });

  it('a first line longer than 64 KiB is a very wide file', () => {
    const header = Array.from({ length: 20_000 }, (_, k) => `col${k}`).join(',');
    expect(estimateCsvColumns(file('wide.csv', `${header}\n${header}\n`))).toBe(Infinity);
  });

  it('says nothing about files that are not plain CSV, or missing', () => {
    expect(estimateCsvColumns(file('d.jsonl', '{"a":1,"b":2}\n'))).toBeNull();
    expect(estimateCsvColumns(file('noext', '{"a":1,"b":2}\n'))).toBeNull();
    expect(estimateCsvColumns(file('e.csv.gz', gzipSync('a,b,c\n1,2,3\n')))).toBeNull();
    expect(estimateCsvColumns(join(dir, 'missing.csv'))).toBeNull();
  });
});
