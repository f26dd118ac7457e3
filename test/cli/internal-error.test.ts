/** An unexpected exception (a bug) becomes exit 70 and a please-report line; the stack only on request. */
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './helpers/run-cli.js';

vi.mock('../../src/data/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/data/index.js')>();
  return {
    ...original,
    readTable: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    },
    readTableInWorker: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'length')")),
  };
});

describe('internal errors', () => {
  it('exit 70, two short lines, no stack', async () => {
    const r = await runCli(['analyze', '-r', 'a.csv', '-c', 'b.csv']);
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      "driftwatch: internal error: Cannot read properties of undefined (reading 'length')",
      'This is a bug in driftwatch; please report it with the command you ran and the output of the same command with DRIFTWATCH_DEBUG=1.',
    ]);
  });

  it('prints the stack with DRIFTWATCH_DEBUG=1', async () => {
    const r = await runCli(['analyze', '-r', 'a.csv', '-c', 'b.csv'], { env: { DRIFTWATCH_DEBUG: '1' } });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^driftwatch: internal error: /);
    expect(r.stderr).toMatch(/TypeError: Cannot read properties[^\n]*\n\s+at /);
  });
});
