/**
 * The JSON Lines byte scanner gives exactly what JSON.parse gives. Each generated file is read twice: as
 * written, where the scanner takes every line it can, and with every line's first key spelt with a
 * `\u` escape, which the scanner never takes, so every line goes through JSON.parse.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failure } from '../../test/helpers/table-cells.js';
import { readTable } from './read-table.js';
import type { Table } from './table/index.js';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-jsonl-fast-'));
let fileNo = 0;

function write(content: string): string {
  const p = join(dir, `f${fileNo++}.jsonl`);
  writeFileSync(p, content);
  return p;
}

function contents(t: Table): unknown {
  return t.columns.map((c) => (c.storage === 'numeric' ? { name: c.name, kind: c.kind, values: Array.from(c.values) } : { name: c.name, kind: c.kind, codes: Array.from(c.codes), dictionary: c.dictionary }));
}

// Number texts JSON allows, in the spellings writers use (and a few they rarely do).
const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => JSON.stringify(v)),
  fc.integer().map(String),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 999999 }), fc.constantFrom('', 'e5', 'E-7', 'e+300', 'e-400', 'E400')).map(([i, f, e]) => `${i}.${f}${e}`),
  fc.constantFrom('-0', '0', '-0.0', '0.1', '123456789012345678901234', '1.7976931348623157e308', '5e-324', '0.30000000000000004', '9007199254740993'),
);
const stringValue = fc.oneof(
  fc.constantFrom('"north"', '"NA"', '"null"', '""', '" x "', '"1.5"', '"true"', '"é€"', '"a\\"b"', '"tab\\there"', '"\\u00e9"', '"line\\nbreak"', '"\\ud83d\\ude00"'),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
);
const value = fc.oneof(
  { weight: 4, arbitrary: numberText },
  { weight: 3, arbitrary: stringValue },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null', '[1, 2]', '{"x": {"y": [null]}}', '[]', '{}') },
);
const key = fc.constantFrom('a', 'b', 'score', 'name', 'é', 'k y', '__proto__', 'constructor');
const space = fc.constantFrom('', '', '', ' ', '\t', ' \r ');
const line = fc.array(fc.tuple(key, value, space), { maxLength: 5 }).map((fields) => {
  const seen = new Set<string>();
  const unique = fields.filter(([k]) => (seen.has(k) ? false : (seen.add(k), true)));
  return unique;
});

function render(lines: readonly (readonly [string, string, string])[][], escapeFirstKey: boolean): string {
  return lines
    .map((fields) => {
      if (fields.length === 0) return '{}';
      const parts = fields.map(([k, v, s], i) => {
        const name = i === 0 && escapeFirstKey ? `\\u${k.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(k).slice(2, -1)}` : JSON.stringify(k).slice(1, -1);
        return `${s}"${name}"${s}:${s}${v}${s}`;
      });
      return `{${parts.join(',')}}`;
    })
    .join('\n');
}

describe('JSON Lines fast path', () => {
  it('reads every line to what JSON.parse gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), async (lines, chunkSize) => {
        // Every line needs a field so that the escaped copy differs; an all-empty file is another test.
        if (lines.every((l) => l.length === 0)) return;
        const fast = await readTable(write(render(lines, false)), { chunkSize });
        const slow = await readTable(write(render(lines, true)), { chunkSize });
        expect(contents(fast)).toEqual(contents(slow));
      }),
      { numRuns: 150 },
    );
  });

  it('reads lines of many fields (past the scanner\'s first 64) to what JSON.parse gives, keys moving between lines', async () => {
    for (const width of [65, 200, 1500]) {
      const lines = [0, 1, 2, 3].map((r) => Array.from({ length: width + r }, (_, i): [string, string, string] => {
        // Line 2 lists its keys in another order; later lines add keys the first did not have.
        const k = r === 2 ? width + r - 1 - i : i;
        return [`c${k}`, k % 7 === 0 ? JSON.stringify(`s${(k + r) % 3}`) : String((k * 31 + r) % 97 / 8), ''];
      }));
      const fast = await readTable(write(render(lines, false)));
      const slow = await readTable(write(render(lines, true)));
      expect(fast.names, `width ${width}`).toHaveLength(width + 3);
      expect(contents(fast), `width ${width}`).toEqual(contents(slow));
    }
  });

  it('keeps the last of repeated keys, as JSON.parse does, and names the line of malformed JSON', async () => {
    const t = await readTable(write('{"a": "x", "b": 1}\n{"a": "y", "a": 2, "b": 3}\n'));
    expect(t.column('a')!.storage).toBe('categorical');
    const bad = ['{"a": 01}', '{"a": 1.}', '{"a": .5}', '{"a": -}', '{"a": 1e}', '{"a": tru}', '{"a": "x"', '{"a" 1}', '{"a": 1,}', '{"a": 1} x', '{"a": "\\x"}', '{"a": "\t"}'];
    for (const b of bad) {
      const e = await failure(readTable(write(`{"a": 1}\n${b}\n`)));
      expect([e.code, e.line], b).toEqual(['PARSE_ERROR', 2]);
    }
  });
});
