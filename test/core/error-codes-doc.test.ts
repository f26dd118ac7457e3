import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EXIT } from '../../src/core/index.js';

// docs/errors.md is what users and scripts read; it must say exactly what the table in src/core does.
const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

function docRows(): Map<string, { exit: number; http: number; doc: string }> {
  const rows = new Map<string, { exit: number; http: number; doc: string }>();
  for (const line of doc.split('\n')) {
    const m = /^\| `([A-Z_]+)` \| (\d+) \| (\d+) \| (.+) \|$/.exec(line);
    if (m) rows.set(m[1]!, { exit: Number(m[2]), http: Number(m[3]), doc: m[4]! });
  }
  return rows;
}

describe('docs/errors.md', () => {
  it('lists every error code with its exit code, HTTP status and sentence, and nothing else', () => {
    const rows = docRows();
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, info] of Object.entries(ERROR_CODES)) expect(rows.get(code), code).toEqual({ exit: info.exit, http: info.http, doc: info.doc });
  });

  it('lists every exit code', () => {
    for (const code of Object.values(EXIT)) expect(doc).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('maps every code to a 4xx or 5xx status and a documented exit code', () => {
    const exits = new Set<number>(Object.values(EXIT));
    for (const info of Object.values(ERROR_CODES)) {
      expect(info.http).toBeGreaterThanOrEqual(400);
      expect(info.http).toBeLessThan(600);
      expect(exits.has(info.exit)).toBe(true);
    }
  });
});
