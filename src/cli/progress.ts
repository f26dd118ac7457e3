/** A byte progress bar on stderr while reading big files: only on a terminal, only when it is worth it. */
import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

/** Files smaller than this read in a second or two; a bar would only flicker. */
export const PROGRESS_MIN_BYTES = 50 * 1024 * 1024;

/** A bar on stderr: `done` of `total` (bytes read, trees trained). */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A bar labelled `label`, drawn from the first update on when the file is at least PROGRESS_MIN_BYTES;
 * a no-op when stderr is not a TTY or with --quiet.
 */
export function createByteProgress(io: CliIo, label: string, quiet: boolean): Progress {
  if (!io.isTTY || quiet) return NONE;
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% | {doneMb}/{totalMb} MB | ETA {eta}s`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (b: number): string => (b / 1048576).toFixed(0);
  let started = false;
  return {
    update(bytesRead, total) {
      if (total < PROGRESS_MIN_BYTES) return;
      if (!started) {
        bar.start(total, 0, { doneMb: '0', totalMb: mb(total) });
        started = true;
      }
      bar.update(bytesRead, { doneMb: mb(bytesRead), totalMb: mb(total) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** A bar of `unit`s done (trees while training), on a terminal only and not with --quiet. */
export function createCountProgress(io: CliIo, label: string, unit: string, quiet: boolean): Progress {
  if (!io.isTTY || quiet) return NONE;
  const bar = new cliProgress.SingleBar(
    { stream: io.stderr as NodeJS.WritableStream, format: `${label} [{bar}] {value}/{total} ${unit} | ETA {eta}s`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
