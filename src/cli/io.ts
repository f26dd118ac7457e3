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

let pipeGuarded = false;

/**
 * `driftwatch … | head` closes stdout early; Node then emits EPIPE on the stream, which would crash with
 * a stack trace. A reader that stopped reading is not an error: drop the rest of the output.
 */
function guardBrokenPipes(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') return;
      process.exitCode = 74; // EX_IOERR: the output itself failed
    });
  }
}

/** The real process. */
export function processIo(): CliIo {
  guardBrokenPipes();
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
