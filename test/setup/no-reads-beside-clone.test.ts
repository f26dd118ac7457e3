import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The folder CI keeps beside the clone, named in pieces: this test checks that reading it is refused, and a
// literal path would read as a dependency on it.
const besideClone = ['..', 'shared', 'ARCHITECTURE.md'].join('/');

describe('tests cannot read beside the clone', () => {
  it('a read of the folder beside the clone fails, whether it exists or not', async () => {
    expect(() => readFileSync(resolve(repo, besideClone))).toThrow(/must not read outside the repository/);
    await expect(readFile(resolve(repo, '../anything.csv'))).rejects.toThrow(/must not read outside the repository/);
  });

  it('reads inside the repository and elsewhere on the machine still work', () => {
    expect(readFileSync(resolve(repo, 'package.json'), 'utf8')).toContain('"driftwatch"');
    expect(readFileSync('/proc/self/status', 'utf8')).toContain('Pid');
  });
});
