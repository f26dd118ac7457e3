/**
 * The fast path of the JSON Lines reader: tokenizes one line holding a flat JSON object straight from its
 * bytes, without JSON.parse and without a JavaScript value per field. It only recognises and never
 * changes anything: keys and values are spans of the line (numbers already parsed, by the JSON number
 * grammar, to exactly the double JSON.parse gives), and the reader decides what they mean. A line it does
 * not take — an escape in a key, a nested object or array, anything malformed — makes `scan` return
 * FALLBACK and the reader parses the line with JSON.parse, which also gives every error, so behaviour is
 * the same either way. Strings with escapes are kept as spans for JSON.parse to decode exactly.
 */
import { POW10 } from './decimal-quotient.js';
import { parseNumberBytes } from './parse-number.js';

export const FALLBACK = -1;
export const BLANK = 0;
export const OBJECT = 1;

/** Value kinds of a field. */
export const NUMBER = 0;
/** A string without escapes: its bytes (between the quotes) are its UTF-8 text. */
export const PLAIN_STRING = 1;
/** A string with escapes: the span includes the quotes, for JSON.parse. */
export const ESCAPED_STRING = 2;
export const TRUE = 3;
export const FALSE = 4;
export const NULL = 5;

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN = 123;
const CLOSE = 125;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const DOT = 46;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

export class JsonLineScanner {
  /** Fields of the last line scanned. */
  count = 0;
  kind = new Uint8Array(64);
  keyStart = new Int32Array(64);
  keyEnd = new Int32Array(64);
  valueStart = new Int32Array(64);
  valueEnd = new Int32Array(64);
  number = new Float64Array(64);
  /** 1 when the field's key is `expectedKeys` at its position (set by the reader from the previous line). */
  matched = new Uint8Array(64);
  /** Fields of the last line that are strings with escapes. */
  escapes = 0;
  /** The key bytes expected at each position; a key that equals them is not scanned again. */
  expectedKeys: (Uint8Array | undefined)[] = [];

  /** Tokenizes `b[start, end)`: OBJECT (fields in the arrays), BLANK (only whitespace) or FALLBACK. */
  scan(b: Uint8Array, start: number, end: number): number {
    let p = start;
    while (p < end && isSpace(b[p]!)) p++;
    if (p === end) return BLANK;
    if (b[p] !== OPEN) return FALLBACK;
    p++;
    while (p < end && isSpace(b[p]!)) p++;
    this.count = 0;
    this.escapes = 0;
    if (p < end && b[p] === CLOSE) return this.rest(b, p + 1, end);
    for (;;) {
      // Key: a string without escapes.
      if (p >= end || b[p] !== QUOTE) return FALLBACK;
      const ks = ++p;
      const n = this.count;
      if (n === this.kind.length) this.grow();
      const expected = this.expectedKeys[n];
      let match = 0;
      if (expected !== undefined) {
        const len = expected.length;
        if (ks + len < end && b[ks + len] === QUOTE) {
          let k = 0;
          while (k < len && expected[k] === b[ks + k]) k++;
          if (k === len) {
            match = 1;
            p = ks + len;
          }
        }
      }
      if (match === 0) for (;;) {
        if (p >= end) return FALLBACK;
        const c = b[p]!;
        if (c === QUOTE) break;
        if (c === BACKSLASH || c < 0x20) return FALLBACK;
        p++;
      }
      const ke = p++;
      while (p < end && isSpace(b[p]!)) p++;
      if (p >= end || b[p] !== COLON) return FALLBACK;
      p++;
      while (p < end && isSpace(b[p]!)) p++;
      if (p >= end) return FALLBACK;
      this.matched[n] = match;
      this.keyStart[n] = ks;
      this.keyEnd[n] = ke;
      const c = b[p]!;
      if (c === QUOTE) {
        const vs = ++p;
        let escaped = false;
        for (;;) {
          if (p >= end) return FALLBACK;
          const d = b[p]!;
          if (d === QUOTE) break;
          if (d < 0x20) return FALLBACK;
          if (d === BACKSLASH) {
            escaped = true;
            p += 2;
            continue;
          }
          p++;
        }
        if (escaped) {
          this.escapes++;
          this.kind[n] = ESCAPED_STRING;
          this.valueStart[n] = vs - 1;
          this.valueEnd[n] = p + 1;
        } else {
          this.kind[n] = PLAIN_STRING;
          this.valueStart[n] = vs;
          this.valueEnd[n] = p;
        }
        p++;
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        const vs = p;
        // Plain decimals of up to 15 digits: the mantissa is exact and one division by an exact power of
        // ten rounds correctly (the same double parseNumberBytes and JSON.parse give); the rest goes there.
        let q = c === MINUS ? p + 1 : p;
        let mantissa = 0;
        let digits = 0;
        while (q < end && b[q]! >= ZERO && b[q]! <= NINE) {
          mantissa = mantissa * 10 + (b[q]! - ZERO);
          q++;
          digits++;
        }
        let decimals = 0;
        let dot = false;
        if (q < end && b[q] === DOT) {
          dot = true;
          q++;
          while (q < end && b[q]! >= ZERO && b[q]! <= NINE) {
            mantissa = mantissa * 10 + (b[q]! - ZERO);
            q++;
            decimals++;
          }
        }
        // JSON's grammar: no leading zeros, digits on both sides of the dot.
        if (digits === 0 || (digits > 1 && b[c === MINUS ? vs + 1 : vs] === ZERO) || (dot && decimals === 0)) return FALLBACK;
        this.kind[n] = NUMBER;
        if (q < end && (b[q] === 101 || b[q] === 69)) {
          p = numberEnd(b, vs, end);
          if (p < 0) return FALLBACK;
          this.number[n] = parseNumberBytes(b, vs, p);
        } else {
          p = q;
          if (digits + decimals <= 15) {
            const v = mantissa / POW10[decimals]!;
            this.number[n] = c === MINUS ? -v : v;
          } else {
            this.number[n] = parseNumberBytes(b, vs, p);
          }
        }
      } else if (c === 116 && p + 4 <= end && b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101) {
        this.kind[n] = TRUE;
        p += 4;
      } else if (c === 102 && p + 5 <= end && b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101) {
        this.kind[n] = FALSE;
        p += 5;
      } else if (c === 110 && p + 4 <= end && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
        this.kind[n] = NULL;
        p += 4;
      } else {
        // Nested objects and arrays (kept as JSON text) and anything malformed: JSON.parse decides.
        return FALLBACK;
      }
      this.count = n + 1;
      while (p < end && isSpace(b[p]!)) p++;
      if (p >= end) return FALLBACK;
      if (b[p] === COMMA) {
        p++;
        while (p < end && isSpace(b[p]!)) p++;
        continue;
      }
      if (b[p] === CLOSE) return this.rest(b, p + 1, end);
      return FALLBACK;
    }
  }

  /** After the closing brace only whitespace may follow. */
  private rest(b: Uint8Array, p: number, end: number): number {
    while (p < end && isSpace(b[p]!)) p++;
    return p === end ? OBJECT : FALLBACK;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const bigger = make(n);
      bigger.set(a);
      return bigger;
    };
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.keyStart = grow(this.keyStart, (k) => new Int32Array(k));
    this.keyEnd = grow(this.keyEnd, (k) => new Int32Array(k));
    this.valueStart = grow(this.valueStart, (k) => new Int32Array(k));
    this.valueEnd = grow(this.valueEnd, (k) => new Int32Array(k));
    this.number = grow(this.number, (k) => new Float64Array(k));
  }
}

/**
 * The end of a JSON number starting at `p` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), or -1
 * when the text there is not one. The number must end at a delimiter for the object to be valid; the
 * caller checks what follows.
 */
function numberEnd(b: Uint8Array, p: number, end: number): number {
  if (b[p] === MINUS) p++;
  if (p >= end) return -1;
  if (b[p] === ZERO) {
    p++;
  } else if (b[p]! > ZERO && b[p]! <= NINE) {
    while (p < end && b[p]! >= ZERO && b[p]! <= NINE) p++;
  } else {
    return -1;
  }
  if (p < end && b[p] === DOT) {
    p++;
    const digits = p;
    while (p < end && b[p]! >= ZERO && b[p]! <= NINE) p++;
    if (p === digits) return -1;
  }
  if (p < end && (b[p] === 101 || b[p] === 69)) {
    p++;
    if (p < end && (b[p] === 43 || b[p] === MINUS)) p++;
    const digits = p;
    while (p < end && b[p]! >= ZERO && b[p]! <= NINE) p++;
    if (p === digits) return -1;
  }
  return p;
}
