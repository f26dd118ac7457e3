/**
 * Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices, RLE booleans), decoded
 * straight into a typed array: runs are filled, bit-packed groups unpacked with a bit buffer. hyparquet's
 * own decoder writes through a DataView into generic arrays, which dominates its profile on flat columns.
 */

/** Thrown on data that cannot be Parquet (the reader names file and column). */
export class ParquetDataError extends Error {}

/**
 * Decodes `count` values of `bitWidth` bits from `buf[pos, end)` into `out[0, count)`; returns the position
 * after the last run read.
 */
export function decodeHybrid(buf: Uint8Array, pos: number, end: number, bitWidth: number, out: Int32Array | Uint8Array, count: number): number {
  let seen = 0;
  const valueBytes = (bitWidth + 7) >> 3;
  while (seen < count) {
    if (pos >= end) throw new ParquetDataError(`encoded values end after ${seen} of ${count}`);
    // ULEB128 run header.
    let header = 0;
    let shift = 0;
    for (;;) {
      const b = buf[pos++]!;
      header += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
      if (pos >= end || shift > 35) throw new ParquetDataError('bad run header');
    }
    if ((header & 1) === 0) {
      const run = Math.min(Math.floor(header / 2), count - seen);
      let value = 0;
      for (let k = 0; k < valueBytes; k++) value += buf[pos + k]! * 2 ** (8 * k);
      pos += valueBytes;
      out.fill(value, seen, seen + run);
      seen += run;
    } else {
      const values = Math.floor(header / 2) * 8;
      const bytes = Math.floor(header / 2) * bitWidth;
      const take = Math.min(values, count - seen);
      if (bitWidth === 1) unpack1(buf, pos, end, out, seen, take);
      else if (bitWidth <= 24) unpackSmall(buf, pos, end, bitWidth, out, seen, take);
      else unpackWide(buf, pos, end, bitWidth, out, seen, take);
      seen += take;
      pos += bytes;
    }
  }
  return pos;
}

function unpack1(buf: Uint8Array, pos: number, end: number, out: Int32Array | Uint8Array, at: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const p = pos + (i >> 3);
    out[at + i] = p < end ? (buf[p]! >> (i & 7)) & 1 : 0;
  }
}

function unpackSmall(buf: Uint8Array, pos: number, end: number, bitWidth: number, out: Int32Array | Uint8Array, at: number, n: number): void {
  const mask = (1 << bitWidth) - 1;
  let acc = 0;
  let bits = 0;
  let p = pos;
  for (let i = 0; i < n; i++) {
    while (bits < bitWidth) {
      acc |= (p < end ? buf[p]! : 0) << bits;
      p++;
      bits += 8;
    }
    out[at + i] = acc & mask;
    acc >>>= bitWidth;
    bits -= bitWidth;
  }
}

function unpackWide(buf: Uint8Array, pos: number, end: number, bitWidth: number, out: Int32Array | Uint8Array, at: number, n: number): void {
  let bit = pos * 8;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let k = 0; k < bitWidth; k++, bit++) {
      const p = Math.floor(bit / 8);
      if (p < end && (buf[p]! >> (bit & 7)) & 1) v += 2 ** k;
    }
    out[at + i] = v;
  }
}

/** Bits needed for values up to `max`. */
export function bitWidthOf(max: number): number {
  return max === 0 ? 0 : 32 - Math.clz32(max);
}
