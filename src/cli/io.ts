/** The process surface a command touches, injectable so tests run `main()` in-process. */

export interface TextSink {
  write(chunk: string): unknown;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Whether stderr is an interactive terminal (progress bars, colour). */
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line resolve against this folder. */
  readonly cwd: string;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Whether to colour output: a TTY without NO_COLOR, or FORCE_COLOR set (https://no-color.org). */
export function wantsColor(io: CliIo): boolean {
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  const no = io.env['NO_COLOR'];
  if (no !== undefined && no !== '') return false;
  return io.isTTY;
}
