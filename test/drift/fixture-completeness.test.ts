/**
 * Every registered drift method must rest on statistics pinned to SciPy: for each method name, the mapping
 * below names the stats fixture file (test/fixtures/stats/a-*.json or b-*.json, written by the stats
 * fixture scripts) and a key that must occur in it. A method added to the registry without an entry here,
 * or whose fixture is missing, fails this test with the list of such methods.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/drift/methods/registry.js';
import type { MethodName } from '../../src/drift/types.js';

const STATS = resolve(import.meta.dirname, '..', 'fixtures', 'stats');

/** method -> [fixture file, a key its cases carry for that computation]. */
const FIXTURES: Readonly<Record<MethodName, readonly [string, string]>> = {
  ks: ['ks-test.json', 'cases'],
  wasserstein: ['wasserstein.json', 'expected'],
  wasserstein_raw: ['wasserstein.json', 'expected'],
  psi: ['divergences.json', 'psi'],
  jensenshannon: ['divergences.json', 'js2'],
  hellinger: ['divergences.json', 'hellinger'],
  tvd: ['divergences.json', 'tvd'],
  kl: ['divergences.json', 'klFloor'],
  anderson: ['anderson-ksamp.json', 'expected'],
  cvm: ['cramer-von-mises.json', 'expected'],
  energy: ['energy-distance.json', 'expected'],
  mannwhitney: ['mann-whitney.json', 'two-sided'],
  ttest: ['t-test.json', 'welch'],
  chi2: ['categorical-tests.json', 'chi2Homogeneity'],
  chisquare_gof: ['categorical-tests.json', 'chi2Gof'],
  ztest: ['categorical-tests.json', 'zTest'],
  fisher: ['categorical-tests.json', 'fisher'],
};

/** Whether `key` occurs as an object key anywhere in the JSON value. */
function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).some(([k, v]) => k === key || hasKey(v, key));
  }
  return false;
}

describe('fixture completeness', () => {
  it('every registered method has a SciPy fixture file and key', () => {
    const missing = METHOD_NAMES.filter((m) => {
      const entry = FIXTURES[m];
      if (entry === undefined) return true;
      const path = join(STATS, entry[0]);
      return !existsSync(path) || !hasKey(JSON.parse(readFileSync(path, 'utf8')), entry[1]);
    });
    expect(missing, `methods without a SciPy fixture: ${missing.map((m) => `${m} (${FIXTURES[m]?.join(' / ') ?? 'no mapping'})`).join(', ')}`).toEqual([]);
  });
});
