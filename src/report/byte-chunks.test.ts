import { describe, expect, it } from 'vitest';
import { utf8Chunks } from './byte-chunks.js';

describe('utf8Chunks', () => {
  const texts = ['{"a": ', '"größe → 😀"', ',\n', 'x'.repeat(40), '', '"€"', 'y'.repeat(7), '}\n'];

  it('gives the UTF-8 bytes of the texts in order, in chunks no larger than asked unless one text is', () => {
    for (const size of [1, 8, 16, 64, 1 << 20]) {
      const chunks = [...utf8Chunks(texts, size)];
      expect(Buffer.concat(chunks).toString('utf8')).toBe(texts.join(''));
      for (const c of chunks) expect(c.length).toBeGreaterThan(0);
      for (const c of chunks) if (c.length > size) expect(texts.map((t) => Buffer.byteLength(t))).toContain(c.length);
    }
    expect([...utf8Chunks(texts, 1 << 20)]).toHaveLength(1);
  });

  it('gives nothing for no text', () => {
    expect([...utf8Chunks([])]).toEqual([]);
    expect([...utf8Chunks(['', ''])]).toEqual([]);
  });
});
