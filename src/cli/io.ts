/** The process surface a command touches, injectable so tests run `main()` in-process. */

export interface TextSink {
  /** Text, or UTF-8 bytes (a long result written in pieces: the JSON report on stdout). */
  write(chunk: string | Uint8Array): unknown;
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
  let told = false;
  for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') return;
      process.exitCode = 74; // EX_IOERR: the output itself failed
      // docs/cli.md promises one line saying why; stderr may still work when stdout failed.
      if (name === 'stdout' && !told && !process.stderr.destroyed) {
        told = true;
        process.stderr.write(`driftwatch: cannot write to stdout (${describeWriteError(e)}); the output is incomplete\n`);
      }
    });
  }
}

function describeWriteError(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOSPC') return 'ENOSPC: no space left on the device';
  if (e.code === 'EIO') return 'EIO: input/output error';
  if (e.code === 'EBADF') return 'EBADF: stdout is closed';
  return e.code !== undefined ? `${e.code}: ${e.message}` : e.message;
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
