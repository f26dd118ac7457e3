import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { createByteProgress, PROGRESS_MIN_BYTES } from '../../src/cli/progress.js';

function fakeIo(isTTY: boolean): { io: CliIo; err: () => string } {
  let err = '';
  const stderr = { write: (s: string) => ((err += s), true), isTTY, columns: 100, on: () => stderr, removeListener: () => stderr };
  return { io: { stdout: { write: () => true }, stderr, isTTY, env: {}, cwd: '/' }, err: () => err };
}

describe('createByteProgress', () => {
  it('draws a bar on a terminal for a big file', () => {
    const { io, err } = fakeIo(true);
    const bar = createByteProgress(io, 'reading reference', false);
    bar.update(PROGRESS_MIN_BYTES / 2, PROGRESS_MIN_BYTES * 2);
    bar.stop();
    expect(err()).toContain('reading reference');
    expect(err()).toContain('25%');
  });

  it('stays silent for small files, off a terminal, and with --quiet', () => {
    for (const [tty, quiet, total] of [
      [true, false, PROGRESS_MIN_BYTES - 1],
      [false, false, PROGRESS_MIN_BYTES * 2],
      [true, true, PROGRESS_MIN_BYTES * 2],
    ] as const) {
      const { io, err } = fakeIo(tty);
      const bar = createByteProgress(io, 'reading', quiet);
      bar.update(total / 2, total);
      bar.stop();
      expect(err()).toBe('');
    }
  });
});
