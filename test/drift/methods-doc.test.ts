/** docs/drift-methods.md lists every registered method with the registry's metadata. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRIFT_METHODS } from '../../src/drift/methods/registry.js';

const doc = readFileSync(resolve(import.meta.dirname, '..', '..', 'docs', 'drift-methods.md'), 'utf8');
const rows = new Map(
  doc
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((cells) => [cells[1]!.replace(/`/g, ''), cells] as const),
);

describe('docs/drift-methods.md', () => {
  it('has a row for every registered method', () => {
    expect(DRIFT_METHODS.map((m) => m.name).filter((n) => !rows.has(n))).toEqual([]);
  });
  it.each(DRIFT_METHODS.map((m) => [m.name, m] as const))('%s: kinds, score kind and default threshold match the registry', (name, m) => {
    const cells = rows.get(name)!;
    expect(cells[2]).toBe(`${m.kinds.join(', ')}${m.binaryOnly ? ' (binary only)' : ''}`);
    expect(cells[3]).toBe(m.scoreKind);
    expect(Number(cells[4])).toBe(m.defaultThreshold);
  });
});
