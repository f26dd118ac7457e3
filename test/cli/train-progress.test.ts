/** On a terminal, `train` shows a bar of trees done on stderr; off a terminal, nothing. */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { repoRoot, runCli, tempDir } from './helpers/run-cli.js';

const { dir, cleanup } = tempDir('driftwatch-train-progress-');
afterAll(cleanup);
const data = join(repoRoot, 'examples/data/breast_cancer_wisconsin.csv');

/** An io whose stderr looks like a terminal to cli-progress. */
function terminalIo(): { io: CliIo; err: () => string } {
  let err = '';
  const stderr = { write: (s: string) => ((err += s), true), isTTY: true, columns: 100, on: () => stderr, removeListener: () => stderr, cursorTo: () => true, clearLine: () => true, moveCursor: () => true };
  return { io: { stdout: { write: () => true }, stderr, isTTY: true, env: {}, cwd: repoRoot }, err: () => err };
}

describe('train progress bar', () => {
  it('counts trees on a TTY', async () => {
    const { io, err } = terminalIo();
    const code = await main(['node', 'driftwatch', 'train', '--data', data, '--label', 'target', '--param', 'n_estimators=12', '--out', join(dir, 'm.json')], io);
    expect(code).toBe(0);
    // 12 rounds on the training split, then 12 more for the refit on every row.
    expect(err()).toMatch(/training gbdt \[.*\] \d+\/24 trees/);
  });

  it('stays silent off a terminal', async () => {
    const r = await runCli(['train', '--data', data, '--label', 'target', '--algo', 'rf', '--param', 'n_estimators=5', '--param', 'n_threads=1', '--out', join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
