/**
 * src/core/config repeats the drift and report name unions (core may not import from them). These checks
 * fail — at type-check time and at run time — when a method, preset, correction or format is added on one
 * side only.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CORRECTION_NAMES,
  METHOD_NAMES,
  OUTPUT_FORMATS,
  PRESET_NAMES,
  type ConfigCorrectionName,
  type ConfigMethodName,
  type ConfigOutputFormat,
  type ConfigPresetName,
} from '../../src/core/config/index.js';
import { METHOD_NAMES as REGISTRY_METHOD_NAMES, PRESETS, type CorrectionName, type MethodName, type PresetName } from '../../src/drift/index.js';
import { OUTPUT_FORMATS as REPORT_OUTPUT_FORMATS, type OutputFormat } from '../../src/report/index.js';

// Object literals typed as Record<Union, true> must list every member of the union, no more, no less.
const methods: Record<MethodName, true> = {
  ks: true,
  wasserstein: true,
  wasserstein_raw: true,
  psi: true,
  jensenshannon: true,
  hellinger: true,
  tvd: true,
  kl: true,
  anderson: true,
  cvm: true,
  energy: true,
  mannwhitney: true,
  ttest: true,
  chi2: true,
  chisquare_gof: true,
  ztest: true,
  fisher: true,
};
const presets: Record<PresetName, true> = { default: true, evidently: true, classic: true };
const corrections: Record<CorrectionName, true> = { none: true, bonferroni: true, 'benjamini-hochberg': true };
const formats: Record<OutputFormat, true> = { terminal: true, json: true, csv: true, html: true, png: true };

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('config names match the drift and report unions', () => {
  it('has the same types', () => {
    expectTypeOf<ConfigMethodName>().toEqualTypeOf<MethodName>();
    expectTypeOf<ConfigPresetName>().toEqualTypeOf<PresetName>();
    expectTypeOf<ConfigCorrectionName>().toEqualTypeOf<CorrectionName>();
    expectTypeOf<ConfigOutputFormat>().toEqualTypeOf<OutputFormat>();
  });

  it('has the same values', () => {
    expect(sorted(METHOD_NAMES)).toEqual(sorted(Object.keys(methods)));
    expect(sorted(PRESET_NAMES)).toEqual(sorted(Object.keys(presets)));
    expect(sorted(CORRECTION_NAMES)).toEqual(sorted(Object.keys(corrections)));
    expect(sorted(OUTPUT_FORMATS)).toEqual(sorted(Object.keys(formats)));
  });

  it('matches the drift method registry, the presets and the report formats at run time', () => {
    expect(sorted(METHOD_NAMES)).toEqual(sorted(REGISTRY_METHOD_NAMES));
    expect(sorted(PRESET_NAMES)).toEqual(sorted(Object.keys(PRESETS)));
    expect(sorted(OUTPUT_FORMATS)).toEqual(sorted(REPORT_OUTPUT_FORMATS));
  });

  it('lists each name once', () => {
    for (const list of [METHOD_NAMES, PRESET_NAMES, CORRECTION_NAMES, OUTPUT_FORMATS]) expect(new Set(list).size).toBe(list.length);
  });
});
