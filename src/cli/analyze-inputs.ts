/**
 * The input files of an `analyze` command line, found before the command line is parsed: the start-up
 * decisions that must come before loading the CLI (huge pages, the reader's worker) look at them.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface AnalyzeInput {
  readonly path: string;
  /** Size of a regular file; null for anything else (a pipe, a missing file: the command reports those). */
  readonly bytes: number | null;
}

/** The -r/--reference and -c/--current inputs of `driftwatch analyze …` (argv as process.argv), else null. */
export function analyzeInputs(argv: readonly string[]): { reference: AnalyzeInput | null; current: AnalyzeInput | null } | null {
  const args = argv.slice(2);
  if (args[0] !== 'analyze') return null;
  let reference: AnalyzeInput | null = null;
  let current: AnalyzeInput | null = null;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const eq = /^--(reference|current)=(.+)$/.exec(a);
    const flag = eq !== null ? `--${eq[1]!}` : a;
    const path = eq !== null ? eq[2] : ['-r', '--reference', '-c', '--current'].includes(a) ? args[i + 1] : undefined;
    if (path === undefined || path === '-') continue;
    const input = { path: resolve(path), bytes: regularFileBytes(path) };
    if (flag === '-r' || flag === '--reference') reference = input;
    else current = input;
  }
  return { reference, current };
}

function regularFileBytes(path: string): number | null {
  try {
    const s = statSync(resolve(path));
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}
