import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInputs } from './analyze-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const a = join(dir, 'a.csv');
const b = join(dir, 'b.csv');
writeFileSync(a, 'x\n'.repeat(5));
writeFileSync(b, 'x\n'.repeat(7));
const argv = (...args: string[]) => ['node', 'driftwatch', ...args];

describe('analyzeInputs', () => {
  it('tells the reference from current, in every spelling, with regular files sized', () => {
    for (const args of [['-r', a, '-c', b], ['--current', b, '--reference', a], [`--reference=${a}`, `--current=${b}`]]) {
      expect(analyzeInputs(argv('analyze', ...args))).toEqual({ reference: { path: a, bytes: 10 }, current: { path: b, bytes: 14 } });
    }
  });

  it('pipes and missing files have no size; other commands have no inputs', () => {
    expect(analyzeInputs(argv('analyze', '-r', join(dir, 'none.csv'), '-c', '-'))).toEqual({ reference: { path: join(dir, 'none.csv'), bytes: null }, current: null });
    expect(analyzeInputs(argv('analyze', '-r', dir))?.reference?.bytes).toBeNull();
    expect(analyzeInputs(argv('predict', '-r', a))).toBeNull();
  });
});
