/**
 * A renderer's text chunks prepared for writeFileAtomic, which writes each chunk it is given with a write
 * call of its own and waits for it: the JSON of a 100,000-column report is 12,000 strings of 24K
 * characters (json.ts says why that size), and writing them one by one took longer than making them.
 */

/**
 * Chunks of about this many bytes: larger buffers were slower again (each is fresh memory the kernel must
 * map in), smaller ones meant more writes.
 */
const CHUNK_BYTES = 1 << 20;

/** The UTF-8 bytes of `texts`, in chunks of up to CHUNK_BYTES (a longer text is one chunk of its own). */
export function* utf8Chunks(texts: Iterable<string>, chunkBytes = CHUNK_BYTES): Generator<Uint8Array> {
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  for (const text of texts) {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8: room for 3 per unit is room enough.
    const most = text.length * 3;
    if (most > chunkBytes - used && used > 0) {
      yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(chunkBytes);
      used = 0;
    }
    if (most > chunkBytes) yield Buffer.from(text, 'utf8');
    else used += buffer.write(text, used, 'utf8');
  }
  if (used > 0) yield buffer.subarray(0, used);
}
