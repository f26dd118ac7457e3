/** What every command gets from main(): the process surface and a place to leave its exit code. */
import type { CliIo } from './io.js';

export interface CommandContext {
  readonly io: CliIo;
  /** Set by the command's action; main() returns it. */
  exitCode: number;
}

/** Commander collector for repeatable flags: `--drop a --drop b,c` -> ['a', 'b,c'] (split later). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
