/**
 * The method that judges a column: per-column override, then per-kind, then the global stattest, then
 * the preset. An override replaces the preset's whole rule, effect size included: the user chose one
 * method and gets exactly that.
 */
import { DriftwatchError } from '../core/errors.js';
import { getMethod } from './methods/registry.js';
import type { NormalizedOptions } from './normalize-options.js';
import type { MethodChoice } from './options.js';
import { methodSpec, type ColumnFacts, type PresetChoice } from './presets/types.js';

export function selectMethod(facts: ColumnFacts, o: NormalizedOptions): PresetChoice {
  const column = o.perColumn[facts.name];
  const kind = o.perKind[facts.kind];
  const [choice, source] =
    column !== undefined ? [column, 'perColumn'] : kind !== undefined ? [kind, `perKind.${facts.kind}`] : o.stattest !== null ? [o.stattest, 'stattest'] : [null, 'preset'];
  if (choice === null) {
    const c = o.preset.choose(facts);
    checkApplies(facts, c.test.method, `preset ${o.preset.name}`);
    if (o.presetThreshold === null) return c;
    return { ...c, test: { ...c.test, threshold: o.presetThreshold }, reason: `${c.reason} (threshold set to ${o.presetThreshold})` };
  }
  return overrideChoice(facts, choice, source);
}

function overrideChoice(facts: ColumnFacts, choice: MethodChoice, source: string): PresetChoice {
  checkApplies(facts, choice.method, source);
  const spec = methodSpec(choice.method, choice.threshold !== undefined ? { threshold: choice.threshold } : {});
  const rule = spec.scoreKind === 'p_value' ? `p < ${spec.threshold}` : `>= ${spec.threshold}`;
  return { test: spec, reason: `${choice.method} ${rule}, set by ${source}` };
}

function checkApplies(facts: ColumnFacts, name: MethodChoice['method'], source: string): void {
  const m = getMethod(name);
  if (!m.kinds.includes(facts.kind)) {
    throw new DriftwatchError(
      'USAGE',
      `method "${name}" (from ${source}) does not apply to column "${facts.name}", which is ${facts.kind}; ${name} supports ${m.kinds.join(' and ')} columns`,
      { field: facts.name },
    );
  }
  if (m.binaryOnly && facts.nUnique > 2) {
    throw new DriftwatchError(
      'USAGE',
      `method "${name}" (from ${source}) needs a binary column, but column "${facts.name}" has ${facts.nUnique} distinct values; use chi2 instead`,
      { field: facts.name },
    );
  }
}
