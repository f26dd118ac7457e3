/**
 * Delimiter detection: among `,` `;` tab `|`, the one that splits the first lines (quote-aware, up to 20
 * lines) into the same number of fields, preferring more fields; when none is consistent, the one most
 * frequent in the header line; `,` when none occurs (a single-column file).
 */
import { DriftwatchError } from '../core/index.js';

const CANDIDATES = [44, 59, 9, 124]; // , ; tab |
const MAX_LINES = 20;
/** Byte to its index in CANDIDATES, else -1: the loop below sees every byte of up to 20 lines (megabytes when a file is wide). */
const CANDIDATE_OF = new Int8Array(256).fill(-1);
CANDIDATES.forEach((c, k) => (CANDIDATE_OF[c] = k));

/** Picks the delimiter byte from the start of a file (after any BOM). */
export function detectDelimiter(buf: Uint8Array, start: number, end: number): number {
  const counts: number[][] = CANDIDATES.map(() => []);
  const current = CANDIDATES.map(() => 0);
  let inQuotes = false;
  let lines = 0;
  let complete = false;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === 34) {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (c === 10 || c === 13)) {
      if (c === 13 && buf[i + 1] === 10) i++;
      CANDIDATES.forEach((_, k) => {
        counts[k]!.push(current[k]!);
        current[k] = 0;
      });
      if (++lines === MAX_LINES) {
        complete = true;
        break;
      }
    } else if (!inQuotes) {
      const k = CANDIDATE_OF[c]!;
      if (k >= 0) current[k]!++;
    }
  }
  if (!complete && current.some((n) => n > 0)) CANDIDATES.forEach((_, k) => counts[k]!.push(current[k]!));
  let best = -1;
  let bestCount = 0;
  CANDIDATES.forEach((_, k) => {
    const perLine = counts[k]!;
    const first = perLine[0] ?? 0;
    if (first > bestCount && perLine.every((n) => n === first)) {
      best = k;
      bestCount = first;
    }
  });
  if (best >= 0) return CANDIDATES[best]!;
  CANDIDATES.forEach((_, k) => {
    const first = counts[k]![0] ?? 0;
    if (first > bestCount) {
      best = k;
      bestCount = first;
    }
  });
  return best >= 0 ? CANDIDATES[best]! : 44;
}

/** Validates a user-given delimiter (one ASCII character other than quote and line ends; `tab`/`\t` allowed). */
export function delimiterByte(delimiter: string): number {
  const d = delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter;
  const code = d.length === 1 ? d.charCodeAt(0) : -1;
  if (code < 0 || code > 127 || code === 34 || code === 10 || code === 13) {
    throw new DriftwatchError('USAGE', `invalid delimiter ${JSON.stringify(delimiter)}: give one ASCII character such as "," ";" "|" or "tab"`, { field: 'delimiter' });
  }
  return code;
}
