/** Config + flags -> RunSettings: flags win, paths resolve against the right folder, defaults fill in. */
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/cli/analyze/index.js';
import { parseConfig } from '../../src/runtime/config/index.js';

const config = parseConfig(
  [
    'reference: data/ref.csv',
    'current: data/cur.csv',
    'label: churn',
    'columns: { drop: [a, b], categorical: [c] }',
    'stattest: psi',
    'threshold: 0.2',
    'per_column: { tenure: { method: ks } }',
    'fail_on_drift: true',
    'output: { dir: out, formats: [json] }',
  ].join('\n'),
  'cfg.yaml',
  '/project/conf',
);

describe('resolveSettings', () => {
  it('uses the config, with its paths resolved against its folder', () => {
    const s = resolveSettings({}, config, 'cfg.yaml', '/project');
    expect(s.reference).toEqual({ absolute: '/project/conf/data/ref.csv', display: 'conf/data/ref.csv' });
    expect(s.outDir).toEqual({ absolute: '/project/conf/out', display: 'conf/out' });
    expect(s.formats).toEqual(['json']);
    expect(s.failOnDrift).toBe(true);
    expect(s.columnKinds).toEqual({ c: 'categorical' });
    expect(s.analyze).toEqual({
      target: 'churn',
      drop: ['a', 'b'],
      columnKinds: { c: 'categorical' },
      stattest: 'psi',
      threshold: 0.2,
      perColumn: { tenure: { method: 'ks' } },
      referencePath: 'conf/data/ref.csv',
      currentPath: 'conf/data/cur.csv',
    });
    expect(s.namedColumns).toEqual([
      { source: 'label (cfg.yaml)', name: 'churn', mustHaveValues: true },
      { source: 'columns.drop (cfg.yaml)', name: 'a' },
      { source: 'columns.drop (cfg.yaml)', name: 'b' },
      { source: 'columns.categorical (cfg.yaml)', name: 'c' },
      { source: 'per_column.tenure (cfg.yaml)', name: 'tenure' },
    ]);
  });

  it('lets flags win, resolving their paths against the working folder', () => {
    const s = resolveSettings(
      { current: 'new.csv', out: 'r', format: ['csv,html', 'csv'], drop: ['x'], stattest: 'ks', threshold: '0.01', label: 'y' },
      config,
      'cfg.yaml',
      '/project',
    );
    expect(s.current.absolute).toBe('/project/new.csv');
    expect(s.reference.absolute).toBe('/project/conf/data/ref.csv');
    expect(s.outDir.absolute).toBe('/project/r');
    expect(s.formats).toEqual(['csv', 'html']);
    expect(s.analyze.drop).toEqual(['x']);
    expect(s.analyze.stattest).toBe('ks');
    expect(s.analyze.threshold).toBe(0.01);
    expect(s.analyze.target).toBe('y');
    expect(s.namedColumns[0]).toEqual({ source: '--label', name: 'y', mustHaveValues: true });
  });

  it('defaults: reports/ and every format, no options beyond the paths', () => {
    const s = resolveSettings({ reference: 'a.csv', current: '/elsewhere/b.csv' }, {}, undefined, '/w');
    expect(s.outDir).toEqual({ absolute: '/w/reports', display: 'reports' });
    expect(s.formats).toEqual(['terminal', 'json', 'csv', 'html', 'png']);
    expect(s.failOnDrift).toBe(false);
    expect(s.current.display).toBe('/elsewhere/b.csv');
    expect(s.analyze).toEqual({ referencePath: 'a.csv', currentPath: '/elsewhere/b.csv' });
  });

  it('reads the config delimiter as the flag is read: "tab" is a tab', () => {
    const paths = { reference: 'a.csv', current: 'b.csv' };
    expect(resolveSettings(paths, { delimiter: 'tab' }, 'cfg.yaml', '/w').delimiter).toBe('\t');
    expect(resolveSettings(paths, { delimiter: ';' }, 'cfg.yaml', '/w').delimiter).toBe(';');
    expect(resolveSettings({ ...paths, delimiter: '|' }, { delimiter: 'tab' }, 'cfg.yaml', '/w').delimiter).toBe('|');
    expect(() => resolveSettings(paths, { delimiter: ';;' }, 'cfg.yaml', '/w')).toThrow('delimiter (cfg.yaml): must be one character, or "tab" (got ";;")');
  });
});
