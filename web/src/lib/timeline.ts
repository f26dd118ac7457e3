/** Which version held an alias when: alias moves turned into periods, for the Models page's timeline. */
import type { AliasMove } from '../api/types.ts';

export interface ServingPeriod {
  readonly version: number | null;
  readonly from: string;
  /** Null while it still holds the alias. */
  readonly to: string | null;
  readonly move: AliasMove;
}

/** Periods of one alias, newest first; a removal is a period with no version. */
export function servingPeriods(history: readonly AliasMove[], alias = 'production'): ServingPeriod[] {
  const moves = history.filter((h) => h.alias === alias).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return moves
    .map((m, i) => ({ version: m.version, from: m.at, to: moves[i + 1]?.at ?? null, move: m }))
    .reverse();
}
