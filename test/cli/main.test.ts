import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../../src/core/errors.js';
import { DRIFTWATCH_VERSION } from '../../src/core/version.js';
import { runCli } from './helpers/run-cli.js';

/** Every failure is short, starts with `driftwatch: ` and never shows a stack. */
function expectCleanFailure(stderr: string, lines = 1): void {
  const out = stderr.trimEnd().split('\n');
  expect(out).toHaveLength(lines);
  expect(out[0]).toMatch(/^driftwatch: /);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('DriftwatchError.toDisplayString', () => {
  it('puts the place first, and names the file once when the message already starts with it', () => {
    expect(new DriftwatchError('PARSE_ERROR', 'bad quoting', { file: 'a.csv', line: 3 }).toDisplayString()).toBe('a.csv:3: bad quoting');
    expect(new DriftwatchError('FILE_EMPTY', 'is empty', { file: 'a.csv' }).toDisplayString()).toBe('a.csv: is empty');
    expect(new DriftwatchError('FILE_EMPTY', 'a.csv is empty', { file: 'a.csv' }).toDisplayString()).toBe('a.csv is empty');
    expect(new DriftwatchError('USAGE', 'no file here').toDisplayString()).toBe('no file here');
  });
});

describe('driftwatch (no command)', () => {
  it('prints the version', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect(r).toEqual({ code: 0, stdout: `${DRIFTWATCH_VERSION}\n`, stderr: '' });
    }
  });

  it('prints help listing every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const cmd of ['analyze', 'simulate-drift', 'demo']) expect(r.stdout).toContain(cmd);
  });

  it('shows help on stderr and exits 2 without a command', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: driftwatch');
  });

  it('rejects an unknown command with a suggestion', async () => {
    const r = await runCli(['analyse']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("driftwatch: unknown command 'analyse' (Did you mean analyze?)\nRun 'driftwatch --help' for usage.\n");
  });

  it('`help analyze` prints the analyze help', async () => {
    const r = await runCli(['help', 'analyze']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: driftwatch analyze [options]');
  });
});

describe('analyze usage errors (exit 2, one line + hint, no stack)', () => {
  const base = ['analyze', '-r', 'ref.csv', '-c', 'cur.csv'];

  it('rejects an unknown option with a suggestion', async () => {
    const r = await runCli([...base, '--tresholds', '0.1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("driftwatch: unknown option '--tresholds' (Did you mean --threshold?)\nRun 'driftwatch analyze --help' for usage.\n");
    expectCleanFailure(r.stderr, 2);
  });

  it('rejects an option without its value', async () => {
    const r = await runCli([...base, '--threshold']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^driftwatch: option '--threshold <number>' argument missing\n/);
  });

  it('rejects stray arguments', async () => {
    const r = await runCli([...base, 'extra.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^driftwatch: too many arguments for 'analyze'/);
  });

  it('requires --reference and --current', async () => {
    let r = await runCli(['analyze', '-c', 'cur.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: missing --reference <file> (or `reference:` in the config file)\n');
    r = await runCli(['analyze', '-r', 'ref.csv']);
    expect(r.stderr).toBe('driftwatch: missing --current <file> (or `current:` in the config file)\n');
  });

  it.each([
    [['--threshold', 'abc'], 'driftwatch: --threshold: must be a positive number (got "abc")\n'],
    [['--threshold', '0'], 'driftwatch: --threshold: must be a positive number (got "0")\n'],
    [['--threshold', '0x10'], 'driftwatch: --threshold: must be a positive number (got "0x10")\n'],
    [['--drift-share', '2'], 'driftwatch: --drift-share: must be a number above 0 and at most 1 (got "2")\n'],
    [['--psi-bins', '1.5'], 'driftwatch: --psi-bins: must be a whole number of at least 2 (got "1.5")\n'],
    [
      ['--stattest', 'kolmogorov'],
      'driftwatch: --stattest: must be one of ks, wasserstein, wasserstein_raw, psi, jensenshannon, hellinger, tvd, kl, anderson, cvm, energy, mannwhitney, ttest, chi2, chisquare_gof, ztest, fisher (got "kolmogorov")\n',
    ],
    [['--stattest', 'pis'], /\(got "pis"; did you mean "psi"\?\)\n$/],
    [['--preset', 'fancy'], 'driftwatch: --preset: must be one of default, evidently, classic (got "fancy")\n'],
    [['--correction', 'bonferoni'], /^driftwatch: --correction: must be one of none, bonferroni, benjamini-hochberg \(got "bonferoni"; did you mean "bonferroni"\?\)\n$/],
    [['--format', 'json,pdf'], 'driftwatch: --format: must be one of terminal, json, csv, html, png (got "pdf")\n'],
    [['--format', ','], 'driftwatch: --format: needs at least one of terminal, json, csv, html, png\n'],
    [['--workers', '0'], 'driftwatch: --workers: must be a whole number from 1 to 256 (got "0")\n'],
    [['--delimiter', ';;'], 'driftwatch: --delimiter: must be one character, or "tab" (got ";;")\n'],
    [['--categorical', 'a', '--numerical', 'a'], 'driftwatch: column "a" is listed as both categorical and numerical\n'],
  ])('%j', async (extra, expected) => {
    const r = await runCli([...base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    if (typeof expected === 'string') expect(r.stderr).toBe(expected);
    else expect(r.stderr).toMatch(expected);
    expectCleanFailure(r.stderr);
  });

  it('names a bad config file key', async () => {
    const r = await runCli([...base, '--config', 'test/cli/fixtures/bad-preset.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: test/cli/fixtures/bad-preset.yaml:3: preset: must be one of default, evidently, classic (got "fancy")\n');
  });

  it('names a missing config file', async () => {
    const r = await runCli([...base, '--config', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: nope.yaml: config file not found\n');
  });
});
