/**
 * Where each kind of message goes. stdout carries the result (the terminal summary, or the JSON report
 * with --json and nothing else); notes, timings and progress go to stderr so pipes stay clean.
 */
import pc from 'picocolors';
import type { CliIo } from './io.js';

export interface OutputMode {
  /** Only the alert line and errors. */
  readonly quiet: boolean;
  /** Timings and extra notes on stderr. */
  readonly verbose: boolean;
  /** stdout is reserved for the JSON report. */
  readonly json: boolean;
  readonly color: boolean;
}

export interface Output {
  readonly mode: OutputMode;
  /** The command's result, verbatim, on stdout (text, or UTF-8 bytes of a result written in pieces). */
  result(text: string | Uint8Array): void;
  /** A line for people (e.g. where reports went); stdout normally, stderr with --json; silent with --quiet. */
  info(line: string): void;
  /** The drift alert: shown even with --quiet. */
  alert(line: string): void;
  /** A warning on stderr (silent with --quiet). */
  warn(line: string): void;
  /** Verbose-only detail on stderr. */
  detail(line: string): void;
  readonly colors: ReturnType<typeof pc.createColors>;
}

export function createOutput(io: CliIo, mode: OutputMode): Output {
  const colors = pc.createColors(mode.color);
  const people = mode.json ? io.stderr : io.stdout;
  return {
    mode,
    colors,
    result: (text) => void io.stdout.write(text),
    info: (line) => {
      if (!mode.quiet) people.write(`${line}\n`);
    },
    alert: (line) => void people.write(`${line}\n`),
    warn: (line) => {
      if (!mode.quiet) io.stderr.write(`${colors.yellow('warning:')} ${line}\n`);
    },
    detail: (line) => {
      if (mode.verbose && !mode.quiet) io.stderr.write(`${colors.dim(line)}\n`);
    },
  };
}
