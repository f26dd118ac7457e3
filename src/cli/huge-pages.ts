/**
 * Huge pages for big analyses. Reading a large file writes hundreds of megabytes of fresh column memory, and
 * each 4 KiB page of it costs a page fault the first time it is written: on the 1,000,000-row benchmark that
 * is a fifth of the run. glibc asks the kernel for 2 MiB pages when GLIBC_TUNABLES says
 * `glibc.malloc.hugetlb=1`, and Linux's usual transparent-huge-page setting ("madvise") grants them then;
 * but glibc reads the variable only when a process starts. So `driftwatch analyze` on inputs of
 * HUGE_PAGES_FROM bytes or more runs itself again in a child process with the variable set, passing on its
 * standard streams, signals and exit code. DRIFTWATCH_HUGE_PAGES=0 turns this off.
 */
import { spawn } from 'node:child_process';
import { analyzeInputs } from './analyze-inputs.js';

/** Inputs at least this large together (bytes) are worth a second process start (about 0.1 s). */
export const HUGE_PAGES_FROM = 256 << 20;
const TUNABLE = 'glibc.malloc.hugetlb=1';

/** Whether this process already runs with the tunable (shown in `--verbose` timings). */
export function hugePagesOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.GLIBC_TUNABLES ?? '').includes('glibc.malloc.hugetlb=');
}

/** Whether `argv` (process.argv) is an analyze run that should start again with huge pages. */
export function wantsHugePages(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): boolean {
  if (platform !== 'linux' || env.DRIFTWATCH_HUGE_PAGES === '0' || hugePagesOn(env)) return false;
  const inputs = analyzeInputs(argv);
  if (inputs === null) return false;
  const from = env.DRIFTWATCH_HUGE_PAGES_FROM !== undefined ? Number(env.DRIFTWATCH_HUGE_PAGES_FROM) : HUGE_PAGES_FROM;
  const bytes = (inputs.reference?.bytes ?? 0) + (inputs.current?.bytes ?? 0);
  return Number.isFinite(from) && bytes > 0 && bytes >= from;
}

/**
 * Runs this command again in a child with huge pages and resolves with its exit code. The terminal's Ctrl-C
 * reaches both processes (one process group), so this one ignores SIGINT and lets the child decide; SIGTERM
 * and SIGHUP, which are sent to one process, are passed on. A child killed by a signal ends this process
 * with the same signal.
 */
export function runWithHugePages(argv: readonly string[]): Promise<number> {
  const existing = process.env.GLIBC_TUNABLES;
  const env = { ...process.env, GLIBC_TUNABLES: existing !== undefined && existing !== '' ? `${existing}:${TUNABLE}` : TUNABLE };
  const child = spawn(process.execPath, [...process.execArgv, ...argv.slice(1)], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
  };
  const handlers = [['SIGTERM', forward('SIGTERM')], ['SIGHUP', forward('SIGHUP')], ['SIGINT', () => undefined]] as const;
  for (const [s, h] of handlers) process.on(s, h);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      if (signal !== null) {
        process.kill(process.pid, signal);
        return;
      }
      done(code ?? 1);
    });
  });
}
