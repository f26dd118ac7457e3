/**
 * Keeps the exact text of CSV cells while the typed reader parses the same bytes, so that commands which
 * copy columns through (predict, simulate-drift) write `02100`, `1.50`, `-0` and 20-digit identifiers as
 * they were, not as the numbers they parse to. It is a second, much simpler tokenizer fed the raw bytes as
 * they are read (CsvReadOptions.onRawBytes), following csv-parser.ts's grammar: blank lines are skipped, a
 * quote opens a quoted field only at the field's start, `""` inside one is a quote, a record ends at LF,
 * CRLF or a bare CR. It never reports errors: the typed parser rejects malformed input with a line number.
 *
 * Each kept column stores its cells' unescaped text back to back in one growing byte array with an end
 * offset and a "needs quotes in a comma-separated file" bit per cell: a few bytes per cell beyond the text
 * itself, no string per value, and copying a cell out is a byte copy.
 */
import { ascii } from '../../core/index.js';

const { LF, CR, QUOTE, COMMA } = ascii;

const RECORD_START = 0;
const FIELD_START = 1;
const UNQUOTED = 2;
const QUOTED = 3;
/** A quote inside a quoted field: a doubled quote or the field's end, decided by the next byte. */
const QUOTE_SEEN = 4;
/** A CR ended a record; an LF right after it belongs to the same line end. */
const CR_SEEN = 5;

/** The exact text of one column's cells. */
export class CellTextColumn {
  private bytes = new Uint8Array(1024);
  private used = 0;
  private ends = new Uint32Array(256);
  private quote = new Uint8Array(256);
  /** Cells stored. */
  length = 0;
  private cellQuote = 0;

  append(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.used + n > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.used + n) size *= 2;
      if (size > 0xffffffff) throw new RangeError('a column holds more than 4 GiB of text');
      const bigger = new Uint8Array(size);
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.bytes.set(src.subarray(from, to), this.used);
    this.used += n;
  }

  /** The cell's text contains a character that needs quotes in a comma-separated file. */
  markQuote(): void {
    this.cellQuote = 1;
  }

  endCell(): void {
    if (this.length === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
      const quote = new Uint8Array(this.quote.length * 2);
      quote.set(this.quote);
      this.quote = quote;
    }
    this.ends[this.length] = this.used;
    this.quote[this.length] = this.cellQuote;
    this.cellQuote = 0;
    this.length++;
  }

  /** Cell `row` as a field of a comma-separated file: its text, in quotes (inner ones doubled) when needed. */
  field(row: number): string {
    const start = row === 0 ? 0 : this.ends[row - 1]!;
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, this.ends[row]! - start).toString('utf8');
    return this.quote[row] === 0 ? text : `"${text.replaceAll('"', '""')}"`;
  }

  /** Whether cell `row` is empty. */
  isEmpty(row: number): boolean {
    return this.ends[row] === (row === 0 ? 0 : this.ends[row - 1]!);
  }
}

export interface CellText {
  /** Every header field as written (before empty names become `unnamed_<k>`). */
  readonly header: readonly string[];
  /** The kept columns by their position in the file; the others are absent. */
  readonly columns: ReadonlyMap<number, CellTextColumn>;
  /** Data records seen. */
  readonly rows: number;
}

/** The streaming tokenizer: `push` the file's bytes in order (BOM included), then `end`. */
export class CellTextCapture {
  private readonly delimiter: number;
  private readonly keep: (name: string, index: number) => boolean;
  private state = RECORD_START;
  private atFileStart = true;
  private field = 0;
  private inHeader = true;
  private headerBytes: number[] = [];
  private headerFields: string[] = [];
  private kept: (CellTextColumn | undefined)[] = [];
  private readonly columns = new Map<number, CellTextColumn>();
  private rows = 0;
  private readonly decoder = new TextDecoder('utf-8');
  /** The column the current field goes to, or undefined (not kept, or a field past the header's). */
  private target: CellTextColumn | undefined;
  private readonly needsQuote = new Uint8Array(256);

  /** `keep` picks the columns to store, by header name (after `unnamed_<k>`) and 0-based position. */
  constructor(delimiter: number, keep: (name: string, index: number) => boolean) {
    this.delimiter = delimiter;
    this.keep = keep;
    this.needsQuote[COMMA] = 1;
    this.needsQuote[QUOTE] = 1;
    this.needsQuote[LF] = 1;
    this.needsQuote[CR] = 1;
  }

  push(buf: Uint8Array): void {
    let i = 0;
    const n = buf.length;
    if (this.atFileStart && n > 0) {
      this.atFileStart = false;
      if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    const d = this.delimiter;
    const needsQuote = this.needsQuote;
    while (i < n) {
      const c = buf[i]!;
      switch (this.state) {
        case CR_SEEN:
          this.state = RECORD_START;
          if (c === LF) i++;
          break;
        case RECORD_START:
          if (c === LF) i++;
          else if (c === CR) {
            this.state = CR_SEEN;
            i++;
          } else {
            this.field = 0;
            this.startField();
          }
          break;
        case FIELD_START:
          if (c === QUOTE) {
            this.state = QUOTED;
            i++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED: {
          let j = i;
          let quote = 0;
          let b = 0;
          while (j < n && (b = buf[j]!) !== d && b !== LF && b !== CR) {
            quote |= needsQuote[b]!;
            j++;
          }
          this.take(buf, i, j, quote);
          i = j;
          if (j < n) i = this.terminate(b, i);
          break;
        }
        case QUOTED: {
          let j = i;
          let quote = 0;
          let b = 0;
          while (j < n && (b = buf[j]!) !== QUOTE) {
            quote |= needsQuote[b]!;
            j++;
          }
          this.take(buf, i, j, quote);
          i = j;
          if (j < n) {
            this.state = QUOTE_SEEN;
            i++;
          }
          break;
        }
        case QUOTE_SEEN:
          if (c === QUOTE) {
            this.take(buf, i, i + 1, 1);
            this.state = QUOTED;
            i++;
          } else if (c === d || c === LF || c === CR) {
            i = this.terminate(c, i);
          } else {
            // Text after a closing quote: the typed parser rejects the file.
            this.state = UNQUOTED;
          }
          break;
      }
    }
  }

  /** Ends the input; returns what was kept. */
  end(): CellText {
    if (this.state === UNQUOTED || this.state === FIELD_START || this.state === QUOTE_SEEN || this.state === QUOTED) this.endRecord();
    this.state = RECORD_START;
    return { header: this.headerFields, columns: this.columns, rows: this.rows };
  }

  private startField(): void {
    this.state = FIELD_START;
    this.target = this.inHeader ? undefined : this.kept[this.field];
  }

  private take(buf: Uint8Array, from: number, to: number, quote: number): void {
    if (this.inHeader) {
      for (let k = from; k < to; k++) this.headerBytes.push(buf[k]!);
      return;
    }
    const t = this.target;
    if (t === undefined) return;
    t.append(buf, from, to);
    if (quote !== 0) t.markQuote();
  }

  /** Handles the delimiter or line end `c` at `i` after a field; returns the next position. */
  private terminate(c: number, i: number): number {
    if (c === this.delimiter) {
      this.endField();
      this.field++;
      this.startField();
      return i + 1;
    }
    this.endRecord();
    if (c === CR) {
      this.state = CR_SEEN;
    } else {
      this.state = RECORD_START;
    }
    return i + 1;
  }

  private endField(): void {
    if (this.inHeader) {
      this.headerFields.push(this.decoder.decode(Uint8Array.from(this.headerBytes)));
      this.headerBytes = [];
      return;
    }
    this.target?.endCell();
  }

  private endRecord(): void {
    this.endField();
    if (this.inHeader) {
      this.inHeader = false;
      this.kept = this.headerFields.map((name, k) => {
        if (!this.keep(name.trim() === '' ? `unnamed_${k + 1}` : name, k)) return undefined;
        const column = new CellTextColumn();
        this.columns.set(k, column);
        return column;
      });
    } else {
      // A short (ragged) record is rejected by the typed parser; keep the columns aligned meanwhile.
      for (let k = this.field + 1; k < this.kept.length; k++) this.kept[k]?.endCell();
      this.rows++;
    }
    this.state = RECORD_START;
  }
}
