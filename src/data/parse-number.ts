/**
 * Number parsing for the readers. One grammar for "is this text a number": an optional sign, decimal digits
 * with an optional fraction, an optional exponent (`12`, `-0.5`, `.5`, `5.`, `1e-7`, `+3E+10`), or the words
 * `Infinity` / `inf` (any case, optionally signed), with spaces and tabs around it ignored. Anything else
 * (hex, `1_000`, `1,5`) is not a number, so the column becomes categorical.
 *
 * The value is always exactly the double `Number(text)` gives (correctly rounded). The byte parser takes a
 * fast path when it can prove the result is exact — at most 15 significant digits (the integer mantissa is
 * exact in a double) and a decimal exponent within ±22 (10^k is exact), so a single multiplication or
 * division rounds correctly (Clinger's fast path); up to 19 significant digits (the 17-digit texts pandas
 * and `String(x)` write) go through the exact quotient of decimal-quotient.ts when there are at most 20
 * decimals, else Eisel-Lemire (eisel-lemire.ts); anything they cannot decide, and longer mantissas, go to
 * `Number()` through a string.
 */

import { divPow10, MAX_DIV_EXP10, POW10 } from './decimal-quotient.js';
import { eiselLemire } from './eisel-lemire.js';

const TWO32 = 4294967296;

const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * Parses the bytes `b[start, end)` as a number; NaN when the text is not a number by the grammar above
 * (the grammar never produces NaN itself: `NaN` is a missing-value marker, not a number).
 */
export function parseNumberBytes(b: Uint8Array, start: number, end: number): number {
  while (start < end && (b[start] === SPACE || b[start] === TAB)) start++;
  while (end > start && (b[end - 1] === SPACE || b[end - 1] === TAB)) end--;
  if (start === end) return NaN;
  let i = start;
  let negative = false;
  let c = b[i]!;
  if (c === MINUS) {
    negative = true;
    i++;
  } else if (c === PLUS) {
    i++;
  }
  // Up to 15 significant digits go into `mantissa` (exact in a double); digits 16 to 19 into `extra`.
  let mantissa = 0;
  let extra = 0;
  let significant = 0;
  let exponent = 0;
  let anyDigit = false;
  let afterDot = false;
  for (; i < end; i++) {
    const d = b[i]! - ZERO;
    if (d < 0 || d > 9) {
      if (d === DOT - ZERO && !afterDot) {
        afterDot = true;
        continue;
      }
      break;
    }
    anyDigit = true;
    if (afterDot) exponent--;
    if (significant === 0 && d === 0) continue;
    significant++;
    if (significant <= 15) mantissa = mantissa * 10 + d;
    else if (significant <= 19) extra = extra * 10 + d;
  }
  if (!anyDigit) return afterDot ? NaN : parseInfinity(b, i, end, negative);
  if (i < end) {
    c = b[i]!;
    if (c !== LOWER_E && c !== UPPER_E) return NaN;
    i++;
    let expNegative = false;
    if (i < end && (b[i] === MINUS || b[i] === PLUS)) {
      expNegative = b[i] === MINUS;
      i++;
    }
    if (i === end) return NaN;
    let e = 0;
    while (i < end) {
      const d = b[i]! - ZERO;
      if (d < 0 || d > 9) return NaN;
      // Past this the value is 0 or Infinity anyway; the slow path below decides which.
      if (e < 100000) e = e * 10 + d;
      i++;
    }
    exponent += expNegative ? -e : e;
  }
  if (significant === 0) return negative ? -0 : 0;
  if (significant <= 15) {
    if (exponent >= -22 && exponent <= 22) {
      const v = exponent >= 0 ? mantissa * POW10[exponent]! : mantissa / POW10[-exponent]!;
      return negative ? -v : v;
    }
    const v = eiselLemire(Math.floor(mantissa / TWO32), mantissa % TWO32, exponent, negative);
    if (v === v) return v;
  } else if (significant <= 19) {
    // mantissa * 10^k + extra as two 32-bit words (the value is below 10^19 < 2^64).
    const k = significant - 15;
    const scale = POW10[k]!;
    const low = (mantissa % TWO32) * scale + extra;
    const carry = Math.floor(low / TWO32);
    const hi = Math.floor(mantissa / TWO32) * scale + carry;
    const lo = low - carry * TWO32;
    // Up to 20 decimals: the exact quotient (decimal-quotient.ts), several times cheaper than Eisel-Lemire.
    let v = exponent <= 0 && exponent >= -MAX_DIV_EXP10 ? divPow10(hi, lo, -exponent) : NaN;
    if (v !== v) v = eiselLemire(hi, lo, exponent, false);
    if (v === v) return negative ? -v : v;
  }
  return Number(latin1(b, start, end));
}

/** `inf`/`infinity` in any case after an optional sign (already consumed); NaN otherwise. */
function parseInfinity(b: Uint8Array, i: number, end: number, negative: boolean): number {
  const n = end - i;
  if (n !== 3 && n !== 8) return NaN;
  const word = n === 3 ? 'inf' : 'infinity';
  for (let k = 0; k < n; k++) {
    if ((b[i + k]! | 0x20) !== word.charCodeAt(k)) return NaN;
  }
  return negative ? -Infinity : Infinity;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  // Buffer's native slice is several times faster than building the string here.
  if (b instanceof Buffer) return b.toString('latin1', start, end);
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY_TEXT = /^([+-]?)(?:inf|infinity)$/i;

/** The same grammar and value as `parseNumberBytes`, for a string; NaN when it is not a number. */
export function parseNumberText(text: string): number {
  const t = text.replace(/^[ \t]+|[ \t]+$/g, '');
  if (NUMBER_TEXT.test(t)) return Number(t);
  const m = INFINITY_TEXT.exec(t);
  if (m !== null) return m[1] === '-' ? -Infinity : Infinity;
  return NaN;
}
