/** How failures reach a person: one line on stderr and a documented exit code, never a stack trace. */
import { CommanderError } from 'commander';
import { DriftwatchError, EXIT, isDriftwatchError } from '../core/index.js';
import type { CliIo } from './io.js';

/** A command-line parse error (unknown option, missing value …), with the command to suggest `--help` for. */
export class UsageError extends Error {
  readonly commandPath: string;
  constructor(message: string, commandPath: string) {
    super(message);
    this.name = 'UsageError';
    this.commandPath = commandPath;
  }
}

/** A bad option value: `--threshold: must be a number (got "abc")`. */
export function badOption(flag: string, message: string): DriftwatchError {
  return new DriftwatchError('USAGE', `${flag}: ${message}`, { field: flag });
}

/** Commander's message without its `error: ` prefix, on one line. */
export function commanderMessage(err: CommanderError): string {
  return err.message
    .replace(/^error: /, '')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(' ');
}

/** Writes the failure for a person and returns the exit code. */
export function reportFailure(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.stderr.write(`driftwatch: ${e.message}\n`);
    io.stderr.write(`Run '${e.commandPath} --help' for usage.\n`);
    return EXIT.USAGE;
  }
  if (isDriftwatchError(e)) {
    io.stderr.write(`driftwatch: ${oneLine(e.toDisplayString())}\n`);
    if (debug(io) && e.stack !== undefined) io.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(`driftwatch: internal error: ${oneLine(message)}\n`);
  io.stderr.write('This is a bug in driftwatch; please report it with the command you ran' +
    (debug(io) ? '.\n' : ' and the output of the same command with DRIFTWATCH_DEBUG=1.\n'));
  if (debug(io) && e instanceof Error && e.stack !== undefined) io.stderr.write(`${e.stack}\n`);
  return EXIT.INTERNAL;
}

function debug(io: CliIo): boolean {
  return io.env['DRIFTWATCH_DEBUG'] === '1';
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
