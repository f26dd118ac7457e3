/**
 * `driftwatch analyze --help` is part of the CLI's public surface: this golden file makes a change to it
 * deliberate. After an intended change, rerun with UPDATE_GOLDEN=1 and review the diff.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { runCli } from './helpers/run-cli.js';

const GOLDEN = join(import.meta.dirname, 'golden');

function normalise(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

describe.each(['analyze', 'simulate-drift', 'demo', 'train', 'evaluate', 'predict'])('driftwatch %s --help', (command) => {
  it('matches the golden file', async () => {
    const r = await runCli([command, '--help'], { env: { COLUMNS: '60' } });
    expect(r.code).toBe(0);
    expectGolden(join(GOLDEN, `${command}-help.txt`), normalise(r.stdout));
  });
});
