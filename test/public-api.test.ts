/** The package's entry point and version: what `import … from 'driftwatch'` gives a user. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as driftwatch from '../src/index.js';

describe('public API', () => {
  it('exports the documented entry points', () => {
    for (const name of ['readTable', 'analyzeDrift', 'analyzeDriftParallel', 'renderTerminal', 'renderJson', 'renderHtml', 'writeReports', 'ksTest', 'trainModel', 'loadModel', 'nativeModelToOnnx', 'evaluateClassifier', 'simulateDrift', 'DriftwatchError', 'analyzeFiles', 'trainAndSave', 'evaluateModels', 'predictToCsv', 'evaluateModel', 'analyzeModelDrift']) {
      expect(typeof (driftwatch as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('reports the version package.json declares', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(driftwatch.DRIFTWATCH_VERSION).toBe(pkg.version);
  });
});
