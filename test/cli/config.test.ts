import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/core/index.js';
import { loadConfig, parseConfig } from '../../src/runtime/config/index.js';
import { DriftwatchError } from '../../src/core/errors.js';
import { tempDir } from './helpers/run-cli.js';

function configError(text: string): DriftwatchError {
  try {
    parseConfig(text, 'driftwatch.yaml', '/base');
  } catch (e) {
    expect(e).toBeInstanceOf(DriftwatchError);
    return e as DriftwatchError;
  }
  throw new Error('expected a config error');
}

describe('parseConfig', () => {
  it('accepts every key and resolves paths against the config folder', () => {
    const c = parseConfig(
      [
        'reference: data/ref.csv',
        'current: /abs/cur.csv',
        'label: churn',
        'prediction: score',
        'columns:',
        '  drop: [a, b]',
        '  categorical: senior_citizen',
        '  numerical: [tenure]',
        '  id: customer_id',
        '  timestamp: ts',
        'preset: evidently',
        'stattest: psi',
        'threshold: 0.2',
        'per_kind:',
        '  numeric: { method: wasserstein, threshold: 0.1 }',
        '  categorical: { method: jensenshannon }',
        'per_column:',
        '  "mean radius": { method: ks, threshold: 0.01 }',
        'drift_share: 0.3',
        'severity: { medium: 0.2, high: 0.6 }',
        'correction: benjamini-hochberg',
        'psi_bins: 20',
        'workers: 2',
        'delimiter: ";"',
        'fail_on_drift: true',
        'output:',
        '  dir: out',
        '  formats: json,csv',
      ].join('\n'),
      'driftwatch.yaml',
      '/base/conf',
    );
    expect(c).toEqual({
      reference: '/base/conf/data/ref.csv',
      current: '/abs/cur.csv',
      label: 'churn',
      prediction: ['score'],
      columns: { drop: ['a', 'b'], categorical: ['senior_citizen'], numerical: ['tenure'], id: ['customer_id'], timestamp: 'ts' },
      preset: 'evidently',
      stattest: 'psi',
      threshold: 0.2,
      per_kind: { numeric: { method: 'wasserstein', threshold: 0.1 }, categorical: { method: 'jensenshannon' } },
      per_column: { 'mean radius': { method: 'ks', threshold: 0.01 } },
      drift_share: 0.3,
      severity: { medium: 0.2, high: 0.6 },
      correction: 'benjamini-hochberg',
      psi_bins: 20,
      workers: 2,
      delimiter: ';',
      fail_on_drift: true,
      output: { dir: '/base/conf/out', formats: ['json', 'csv'] },
    });
  });

  it('reads an empty file as no settings', () => {
    expect(parseConfig('', 'c.yaml', '/')).toEqual({});
    expect(parseConfig('# only a comment\n', 'c.yaml', '/')).toEqual({});
  });

  it('names the key, the allowed values and what was given', () => {
    const e = configError('label: churn\npreset: fancy\n');
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.exitCode).toBe(2);
    expect(e.toDisplayString()).toBe('driftwatch.yaml:2: preset: must be one of default, evidently, classic (got "fancy")');
    expect(e.field).toBe('preset');
  });

  it('suggests the closest allowed value', () => {
    expect(configError('stattest: kss\n').message).toBe(
      'stattest: must be one of ks, wasserstein, wasserstein_raw, psi, jensenshannon, hellinger, tvd, kl, anderson, cvm, energy, mannwhitney, ttest, chi2, chisquare_gof, ztest, fisher (got "kss"; did you mean "ks"?)',
    );
  });

  it('rejects unknown keys with a did-you-mean, at any depth', () => {
    expect(configError('label: x\npresett: default\n').toDisplayString()).toBe('driftwatch.yaml:2: presett: unknown key (did you mean "preset"?)');
    expect(configError('per_kind:\n  numeric:\n    method: ks\n    treshold: 0.1\n').toDisplayString()).toBe(
      'driftwatch.yaml:4: per_kind.numeric.treshold: unknown key (did you mean "threshold"?)',
    );
    expect(configError('per_column:\n  tenure: { method: psi, colour: red }\n').message).toBe(
      'per_column.tenure.colour: unknown key (allowed keys: method, threshold)',
    );
    expect(configError('columns:\n  xyz: [a]\n').message).toBe('columns.xyz: unknown key (allowed keys: drop, categorical, numerical, id, timestamp)');
  });

  it('explains wrong types and ranges', () => {
    expect(configError('threshold: abc\n').toDisplayString()).toBe('driftwatch.yaml:1: threshold: must be a positive number (got "abc")');
    expect(configError('threshold: -1\n').message).toBe('threshold: must be a positive number (got -1)');
    expect(configError('drift_share: 1.5\n').message).toBe('drift_share: must be a number between 0 and 1 (got 1.5)');
    expect(configError('drift_share: 0\n').message).toBe('drift_share: must be a number between 0 and 1 (got 0)');
    expect(configError('psi_bins: 2.5\n').message).toBe('psi_bins: must be a whole number of at least 2 (got 2.5)');
    expect(configError('workers: 0\n').message).toBe('workers: must be a whole number from 1 to 256 (got 0)');
    expect(configError('columns:\n  drop: 3\n').message).toBe('columns.drop: must be a column name or a list of column names (got 3)');
    expect(configError('severity: { medium: 0.6, high: 0.2 }\n').message).toBe('severity: medium must not be above high (got {"medium":0.6,"high":0.2})');
    expect(configError('output:\n  formats: [json, pdf]\n').message).toBe(
      'output.formats.1: must be one of terminal, json, csv, html, png (got "pdf")',
    );
    expect(configError('fail_on_drift: yes please\n').message).toBe('fail_on_drift: must be true or false (got "yes please")');
    expect(configError('- a\n- b\n').message).toBe('must be a mapping of settings (got ["a","b"])');
  });

  it('reports the first problem in file order', () => {
    expect(configError('threshold: x\npreset: fancy\nzzz: 1\n').line).toBe(1);
  });

  it('reports YAML syntax errors with their line', () => {
    const e = configError('label: churn\npreset: [default\n');
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.line).toBeGreaterThanOrEqual(2);
    expect(e.message).toMatch(/^not valid YAML: /);
    expect(e.message).not.toContain('\n');
  });

  it('rejects duplicate keys', () => {
    expect(configError('preset: default\npreset: classic\n').message).toMatch(/^not valid YAML: .*unique/i);
  });
});

describe('loadConfig', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('reads the file and resolves paths against its folder, not the working folder', async () => {
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'dw.yaml'), 'reference: ../data/a.csv\noutput: { dir: out }\n');
    const loaded = await loadConfig('conf/dw.yaml', dir);
    expect(loaded.file).toBe('conf/dw.yaml');
    expect(loaded.config.reference).toBe(join(dir, 'data', 'a.csv'));
    expect(loaded.config.output?.dir).toBe(join(dir, 'conf', 'out'));
  });

  it('the shipped example config is valid', async () => {
    const loaded = await loadConfig(join(import.meta.dirname, '..', '..', 'examples', 'driftwatch.yaml'));
    expect(loaded.config.label).toBe('churn');
    expect(loaded.config.reference).toBe(join(import.meta.dirname, '..', '..', 'demo', 'reference.csv'));
  });

  it('names a missing file', async () => {
    await expect(loadConfig('nope.yaml', dir)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', file: 'nope.yaml' });
  });
});

describe('did-you-mean', () => {
  it('counts edits with transpositions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('treshold', 'threshold')).toBe(1);
    expect(editDistance('thresohld', 'threshold')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests only plausible typos', () => {
    expect(closestMatch('chrn', ['churn', 'tenure'])).toBe('churn');
    expect(closestMatch('CHURN', ['churn'])).toBe('churn');
    expect(closestMatch('xyz', ['churn', 'tenure'])).toBeUndefined();
    expect(closestMatch('a', [])).toBeUndefined();
  });
});
