/** The gates a challenger must pass before it may be promoted; each result records the values it compared. */
import type { PipelineSettings } from './pipeline-config.js';

export interface GateResult {
  readonly gate: 'floor' | 'vs_champion' | 'data_quality';
  readonly passed: boolean;
  readonly detail: string;
  readonly values: Readonly<Record<string, number | string | null>>;
}

export interface GateInput {
  readonly metric: string;
  readonly challenger: number;
  /** Null when there is no champion (the first version). */
  readonly champion: number | null;
  /** Data-quality problems that fail a run (all-missing columns, columns gone from the data). */
  readonly qualityFailures: readonly string[];
}

export function evaluateGates(input: GateInput, gates: PipelineSettings['gates']): GateResult[] {
  const out: GateResult[] = [];
  const m = input.metric;
  if (gates.min !== null) {
    const passed = input.challenger >= gates.min;
    out.push({ gate: 'floor', passed, detail: `${m} ${r(input.challenger)} ${passed ? '>=' : '<'} floor ${gates.min}`, values: { metric: m, challenger: input.challenger, min: gates.min } });
  }
  if (input.champion !== null) {
    const drop = input.champion - input.challenger;
    const passed = drop <= gates.maxDropVsChampion;
    out.push({
      gate: 'vs_champion',
      passed,
      detail: `${m} ${r(input.challenger)} vs champion ${r(input.champion)} (${passed ? 'within' : 'worse than'} the allowed drop of ${gates.maxDropVsChampion})`,
      values: { metric: m, challenger: input.challenger, champion: input.champion, max_drop: gates.maxDropVsChampion },
    });
  }
  if (gates.dataQuality) {
    const passed = input.qualityFailures.length === 0;
    out.push({ gate: 'data_quality', passed, detail: passed ? 'no failing data-quality check' : input.qualityFailures.join('; '), values: { failures: input.qualityFailures.length } });
  }
  return out;
}

/** The first failing gate as a sentence, or null when all pass. */
export function gateFailure(results: readonly GateResult[]): string | null {
  const failed = results.find((g) => !g.passed);
  return failed === undefined ? null : `gate ${failed.gate} failed: ${failed.detail}`;
}

function r(v: number): string {
  return String(Math.round(v * 10000) / 10000);
}
