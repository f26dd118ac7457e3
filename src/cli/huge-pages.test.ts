import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hugePagesOn, wantsHugePages } from './huge-pages.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-huge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const a = join(dir, 'a.csv');
const b = join(dir, 'b.csv');
writeFileSync(a, 'x\n'.repeat(500));
writeFileSync(b, 'x\n'.repeat(700));
const argv = (...args: string[]) => ['node', 'driftwatch', ...args];
const from = (bytes: number) => ({ DRIFTWATCH_HUGE_PAGES_FROM: String(bytes) });

describe('wantsHugePages', () => {
  it('analyze with inputs at or past the size, given as -r/-c, long options or --x=path', () => {
    expect(wantsHugePages(argv('analyze', '-r', a, '-c', b), from(2400), 'linux')).toBe(true);
    expect(wantsHugePages(argv('analyze', '--reference', a, '--current', b), from(2400), 'linux')).toBe(true);
    expect(wantsHugePages(argv('analyze', `--reference=${a}`, `--current=${b}`), from(2400), 'linux')).toBe(true);
    expect(wantsHugePages(argv('analyze', '-r', a, '-c', b), from(2401), 'linux')).toBe(false);
  });

  it('never elsewhere: other commands, other systems, switched off, already on, pipes and missing files', () => {
    expect(wantsHugePages(argv('predict', '-r', a, '-c', b), from(1), 'linux')).toBe(false);
    expect(wantsHugePages(argv('analyze', '-r', a, '-c', b), from(1), 'darwin')).toBe(false);
    expect(wantsHugePages(argv('analyze', '-r', a, '-c', b), { ...from(1), DRIFTWATCH_HUGE_PAGES: '0' }, 'linux')).toBe(false);
    expect(wantsHugePages(argv('analyze', '-r', a, '-c', b), { ...from(1), GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' }, 'linux')).toBe(false);
    expect(wantsHugePages(argv('analyze', '-r', '-', '-c', join(dir, 'none.csv')), from(1), 'linux')).toBe(false);
    expect(wantsHugePages(argv('analyze', '--config', 'x.yaml'), from(1), 'linux')).toBe(false);
  });

  it('hugePagesOn reads the tunable among others', () => {
    expect(hugePagesOn({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' })).toBe(true);
    expect(hugePagesOn({})).toBe(false);
  });
});
