import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumberBytes, parseNumberText } from './parse-number.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');
/** Parses through both byte paths (Buffer and plain Uint8Array) and the text path; all must agree. */
function parseAll(text: string): number {
  const b = parseNumberBytes(bytes(text), 0, text.length);
  const u = parseNumberBytes(new Uint8Array(bytes(text)), 0, text.length);
  const t = parseNumberText(text);
  expect(Object.is(b, u), `${text}: Buffer ${b} vs Uint8Array ${u}`).toBe(true);
  expect(Object.is(b, t), `${text}: bytes ${b} vs text ${t}`).toBe(true);
  return b;
}
function expectExact(text: string): void {
  const v = parseAll(text);
  expect(Object.is(v, Number(text)), `${text}: got ${v}, Number() gives ${Number(text)}`).toBe(true);
}

describe('parseNumberBytes', () => {
  it('parses shortest round-trip texts of random doubles exactly as Number()', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => expectExact(String(d))), { numRuns: 20000 });
  });

  it('parses toFixed, toPrecision and toExponential texts exactly as Number()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e20, max: 1e20 }), fc.integer({ min: 0, max: 20 }), (d, k) => {
        expectExact(d.toFixed(k));
        expectExact(d.toPrecision(k + 1));
        expectExact(d.toExponential(k));
      }),
      { numRuns: 10000 },
    );
  });

  it('parses decimals built from random digit strings exactly (1 to 25 significant digits)', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(digits, digits, fc.integer({ min: -30, max: 30 }), fc.boolean(), (a, b, e, neg) => {
        expectExact(`${neg ? '-' : ''}${a}.${b}`);
        expectExact(`${a}e${e}`);
      }),
      { numRuns: 10000 },
    );
  });

  it('is exact on the classic hard cases', () => {
    for (const t of [
      '0.30000000000000004',
      '0.1',
      '0.2',
      '9007199254740993',
      '9007199254740992',
      '123456789012345',
      '1234567890123456',
      '2.2250738585072014e-308',
      '4.9e-324',
      '1.7976931348623157e308',
      '1e22',
      '1e23',
      '8.41e21',
      '-0.0',
      '5e-324',
      '000123.4500',
      '.5',
      '5.',
      '+3',
      '-.25e+2',
    ]) {
      expectExact(t);
    }
  });

  it('keeps the sign of zero and overflows like Number()', () => {
    expect(Object.is(parseAll('-0'), -0)).toBe(true);
    expect(parseAll('1e400')).toBe(Infinity);
    expect(Object.is(parseAll('-1e-400'), -0)).toBe(true);
  });

  it('accepts Infinity words and surrounding spaces', () => {
    expect(parseAll('Infinity')).toBe(Infinity);
    expect(parseAll('-inf')).toBe(-Infinity);
    expect(parseAll('+INF')).toBe(Infinity);
    expect(parseAll('  12.5\t')).toBe(12.5);
  });

  it('rejects texts outside the grammar with NaN', () => {
    for (const t of ['', ' ', '-', '+', '.', '.inf', '-.e1', 'e5', '1e', '1e+', '1.2.3', '0x10', '1_000', '1,5', 'abc', 'NaN', '12abc', '--1', 'infinit', '1 2']) {
      expect(parseAll(t), t).toBeNaN();
    }
  });

  it('reads a field inside a larger buffer without looking outside it', () => {
    const b = bytes('x,12.25,99');
    expect(parseNumberBytes(b, 2, 7)).toBe(12.25);
  });
});
