/**
 * The method that judges a column: per-column override, then per-kind, then the global stattest, then
 * the preset. An override replaces the preset's whole rule, effect size included: the user chose one
 * method and gets exactly that. A per-column or per-kind method that cannot judge the column is an error
 * (the user named that column or kind); the global stattest applies to the columns it can judge and the
 * preset judges the rest (`--stattest ks` on a table with categorical columns), with the reason saying so.
 */
import { DriftwatchError } from '../core/index.js';
import { getMethod } from './methods/registry.js';
import type { NormalizedOptions } from './normalize-options.js';
import type { MethodChoice } from './options.js';
import { methodSpec, type ColumnFacts, type PresetChoice } from './presets/types.js';

export function selectMethod(facts: ColumnFacts, o: NormalizedOptions): PresetChoice {
  const column = o.perColumn[facts.name];
  const kind = o.perKind[facts.kind];
  const [choice, source] =
    column !== undefined ? [column, `per_column.${facts.name}`] : kind !== undefined ? [kind, `per_kind.${facts.kind}`] : o.stattest !== null ? [o.stattest, 'stattest'] : [null, 'preset'];
  if (choice !== null && source === 'stattest' && !applies(facts, choice.method)) {
    const c = presetChoice(facts, o);
    return { ...c, reason: `${c.reason} (stattest ${choice.method} does not apply to ${facts.kind === 'numeric' ? 'this numeric' : 'this categorical'} column)` };
  }
  if (choice === null) return presetChoice(facts, o);
  if (COUNT_TESTS.has(choice.method) && isContinuous(facts)) {
    if (source === 'stattest') {
      const c = presetChoice(facts, o);
      const why = `stattest ${choice.method} does not fit this continuous column: ${facts.nUnique} distinct values`;
      return { ...c, reason: `${c.reason} (${why})`, unfit: { method: choice.method, source, replaced: true } };
    }
    return { ...overrideChoice(facts, choice, source, o.effect), unfit: { method: choice.method, source, replaced: false } };
  }
  return overrideChoice(facts, choice, source, o.effect);
}

/** Tests that count each distinct value as a category. */
const COUNT_TESTS: ReadonlySet<string> = new Set(['chi2', 'chisquare_gof']);

/**
 * A numeric column with fewer than 5 values per distinct value on average (the usual floor of expected counts
 * for a chi-square test): counting each value as a category tests next to nothing there.
 */
export function isContinuous(facts: ColumnFacts): boolean {
  return facts.kind === 'numeric' && facts.nUnique > 20 && facts.nReference + facts.nCurrent < 5 * facts.nUnique;
}

/**
 * Preset choices already made, per analysis: a preset chooses from a column's kind, distinct values and
 * reference size only (Preset.choose), so columns alike in those share one choice — a file of 100,000
 * columns built the same reason string 100,000 times.
 */
const presetChoices = new WeakMap<NormalizedOptions, Map<string, PresetChoice>>();

function presetChoice(facts: ColumnFacts, o: NormalizedOptions): PresetChoice {
  let made = presetChoices.get(o);
  if (made === undefined) {
    made = new Map();
    presetChoices.set(o, made);
  }
  const key = `${facts.kind}:${facts.nUnique}:${facts.nReference}`;
  let c = made.get(key);
  if (c === undefined) {
    c = freshPresetChoice(facts, o);
    made.set(key, c);
  }
  return c;
}

function freshPresetChoice(facts: ColumnFacts, o: NormalizedOptions): PresetChoice {
  const c = withPresetThresholds(o.preset.choose(facts), o.presetThresholds);
  checkApplies(facts, c.test.method, `preset ${o.preset.name}`);
  if (o.presetThreshold === null) return c;
  return { ...c, test: { ...c.test, threshold: o.presetThreshold }, reason: `${c.reason} (threshold set to ${o.presetThreshold})` };
}

/** The preset's choice with the thresholds given for its methods by name, said in its reason. */
function withPresetThresholds(c: PresetChoice, thresholds: NormalizedOptions['presetThresholds']): PresetChoice {
  const set: string[] = [];
  const apply = (spec: PresetChoice['test']): PresetChoice['test'] => {
    const t = thresholds[spec.method];
    if (t === undefined || t === spec.threshold) return spec;
    set.push(`${spec.method} ${t}`);
    return { ...spec, threshold: t };
  };
  const test = apply(c.test);
  const effect = c.effect === undefined ? undefined : apply(c.effect);
  if (set.length === 0) return c;
  return { ...c, test, ...(effect !== undefined ? { effect } : {}), reason: `${c.reason} (thresholds set: ${set.join(', ')})` };
}

function applies(facts: ColumnFacts, name: MethodChoice['method']): boolean {
  const m = getMethod(name);
  return m.kinds.includes(facts.kind) && !(m.binaryOnly && facts.nUnique > 2);
}

function specOf(choice: MethodChoice) {
  const spec = methodSpec(choice.method, choice.threshold !== undefined ? { threshold: choice.threshold } : {});
  const rule = spec.scoreKind === 'p_value' ? `p < ${spec.threshold}` : `>= ${spec.threshold}`;
  return { spec, text: `${choice.method} ${rule}` };
}

function overrideChoice(facts: ColumnFacts, choice: MethodChoice, source: string, effect: MethodChoice | null): PresetChoice {
  checkApplies(facts, choice.method, source);
  const test = specOf(choice);
  const reason = `${test.text}, set by ${source}`;
  if (effect === null) return { test: test.spec, reason };
  if (!applies(facts, effect.method)) {
    return { test: test.spec, reason: `${reason} (effect ${effect.method} does not apply to this column)` };
  }
  const e = specOf(effect);
  return { test: test.spec, effect: e.spec, combine: 'and', reason: `${test.text} and ${e.text}, set by ${source} and effect` };
}

function checkApplies(facts: ColumnFacts, name: MethodChoice['method'], source: string): void {
  const m = getMethod(name);
  if (!m.kinds.includes(facts.kind)) {
    throw new DriftwatchError(
      'USAGE',
      `method "${name}" (from ${source}) does not apply to column "${facts.name}", which is ${facts.kind}; ${name} supports ${m.kinds.join(' and ')} columns`,
      { field: settingField(source, facts.name) },
    );
  }
  if (m.binaryOnly && facts.nUnique > 2) {
    throw new DriftwatchError(
      'USAGE',
      `method "${name}" (from ${source}) needs a binary column, but column "${facts.name}" has ${facts.nUnique} distinct values; use chi2 instead`,
      { field: settingField(source, facts.name) },
    );
  }
}

/** The setting an error is about (per_column.x, per_kind.numeric, stattest), or the column for a preset's own choice. */
function settingField(source: string, column: string): string {
  return source.startsWith('preset') ? column : source;
}
