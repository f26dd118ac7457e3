/**
 * Just enough of the WebAssembly binary format to emit small numeric kernels at run time: one imported shared
 * memory, functions of i32/f64/v128 values, exports. The kernels are generated (like the JavaScript histogram
 * kernel before them) because their constants (row width, feature offsets) are known only when training starts;
 * emitting bytes directly needs no toolchain and no file, and the module is validated by `WebAssembly.Module`.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof I64 | typeof F64 | typeof V128;

export function uleb(v: number): number[] {
  const out: number[] = [];
  let x = v >>> 0;
  do {
    let b = x & 0x7f;
    x >>>= 7;
    if (x !== 0) b |= 0x80;
    out.push(b);
  } while (x !== 0);
  return out;
}

export function sleb(v: number): number[] {
  const out: number[] = [];
  let x = v | 0;
  for (;;) {
    const b = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Instruction emitter for one function body. Memory arguments are (offset) with natural alignment. */
export class Code {
  readonly bytes: number[] = [];
  private emit(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }
  get(i: number): this {
    return this.emit(0x20, ...uleb(i));
  }
  set(i: number): this {
    return this.emit(0x21, ...uleb(i));
  }
  tee(i: number): this {
    return this.emit(0x22, ...uleb(i));
  }
  i32(v: number): this {
    return this.emit(0x41, ...sleb(v));
  }
  /** i64.const of a value given as a bigint (two's complement). */
  i64(v: bigint): this {
    const out: number[] = [];
    let x = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) {
        out.push(b);
        break;
      }
      out.push(b | 0x80);
    }
    return this.emit(0x42, ...out);
  }
  f64(v: number): this {
    const b = new Uint8Array(new Float64Array([v]).buffer);
    return this.emit(0x44, ...b);
  }
  /** block / loop with no result; close each with `end()`. */
  block(): this {
    return this.emit(0x02, 0x40);
  }
  loop(): this {
    return this.emit(0x03, 0x40);
  }
  end(): this {
    return this.emit(0x0b);
  }
  br(depth: number): this {
    return this.emit(0x0c, ...uleb(depth));
  }
  brIf(depth: number): this {
    return this.emit(0x0d, ...uleb(depth));
  }
  return(): this {
    return this.emit(0x0f);
  }
  /** call of the module's function number `index` (functions are numbered in the order given to wasmModule). */
  call(index: number): this {
    return this.emit(0x10, ...uleb(index));
  }
  drop(): this {
    return this.emit(0x1a);
  }
  select(): this {
    return this.emit(0x1b);
  }
  i32Load(offset = 0): this {
    return this.emit(0x28, 2, ...uleb(offset));
  }
  i32Load8u(offset = 0): this {
    return this.emit(0x2d, 0, ...uleb(offset));
  }
  i32Store(offset = 0): this {
    return this.emit(0x36, 2, ...uleb(offset));
  }
  i64Load(offset = 0): this {
    return this.emit(0x29, 3, ...uleb(offset));
  }
  i64Store(offset = 0): this {
    return this.emit(0x37, 3, ...uleb(offset));
  }
  i32Store8(offset = 0): this {
    return this.emit(0x3a, 0, ...uleb(offset));
  }
  f64Load(offset = 0): this {
    return this.emit(0x2b, 3, ...uleb(offset));
  }
  f64Store(offset = 0): this {
    return this.emit(0x39, 3, ...uleb(offset));
  }
  v128Load(offset = 0): this {
    return this.emit(0xfd, ...uleb(0x00), 4, ...uleb(offset));
  }
  v128Store(offset = 0): this {
    return this.emit(0xfd, ...uleb(0x0b), 4, ...uleb(offset));
  }
  f64x2Add(): this {
    return this.emit(0xfd, ...uleb(0xf0));
  }
  f64x2Sub(): this {
    return this.emit(0xfd, ...uleb(0xf1));
  }
  f64x2Div(): this {
    return this.emit(0xfd, ...uleb(0xf3));
  }
  f64x2Mul(): this {
    return this.emit(0xfd, ...uleb(0xf2));
  }
  /** f64x2.splat: both lanes from one f64. */
  f64x2Splat(): this {
    return this.emit(0xfd, ...uleb(0x14));
  }
  f64x2ExtractLane(lane: 0 | 1): this {
    return this.emit(0xfd, ...uleb(0x21), lane);
  }
  f64x2Ne(): this {
    return this.emit(0xfd, ...uleb(0x48));
  }
  v128Or(): this {
    return this.emit(0xfd, ...uleb(0x50));
  }
  v128AnyTrue(): this {
    return this.emit(0xfd, ...uleb(0x53));
  }
  /** memory.fill(dest, value, length) (bulk memory). */
  memoryFill(): this {
    return this.emit(0xfc, ...uleb(11), 0);
  }
  /** memory.copy(dest, src, length) (bulk memory). */
  memoryCopy(): this {
    return this.emit(0xfc, ...uleb(10), 0, 0);
  }
  i32Eqz(): this {
    return this.emit(0x45);
  }
  i32Eq(): this {
    return this.emit(0x46);
  }
  i32Ne(): this {
    return this.emit(0x47);
  }
  i32LtS(): this {
    return this.emit(0x48);
  }
  i32LtU(): this {
    return this.emit(0x49);
  }
  i32GeU(): this {
    return this.emit(0x4f);
  }
  i32LeU(): this {
    return this.emit(0x4d);
  }
  i32And(): this {
    return this.emit(0x71);
  }
  i32Or(): this {
    return this.emit(0x72);
  }
  i32Add(): this {
    return this.emit(0x6a);
  }
  i32Sub(): this {
    return this.emit(0x6b);
  }
  i32Mul(): this {
    return this.emit(0x6c);
  }
  i32Shl(): this {
    return this.emit(0x74);
  }
  i32RemU(): this {
    return this.emit(0x70);
  }
  i32ShrU(): this {
    return this.emit(0x76);
  }
  i32Xor(): this {
    return this.emit(0x73);
  }
  f64Add(): this {
    return this.emit(0xa0);
  }
  f64Mul(): this {
    return this.emit(0xa2);
  }
  f64Sub(): this {
    return this.emit(0xa1);
  }
  f64Div(): this {
    return this.emit(0xa3);
  }
  f64Lt(): this {
    return this.emit(0x63);
  }
  i64Add(): this {
    return this.emit(0x7c);
  }
  i64LtU(): this {
    return this.emit(0x54);
  }
  i64Eqz(): this {
    return this.emit(0x50);
  }
  i64GtU(): this {
    return this.emit(0x56);
  }
  i64LeU(): this {
    return this.emit(0x58);
  }
  i64And(): this {
    return this.emit(0x83);
  }
  i64ExtendI32U(): this {
    return this.emit(0xad);
  }
  i64Or(): this {
    return this.emit(0x84);
  }
  i64Xor(): this {
    return this.emit(0x85);
  }
  i64ShrS(): this {
    return this.emit(0x87);
  }
  i64ShrU(): this {
    return this.emit(0x88);
  }
  i32WrapI64(): this {
    return this.emit(0xa7);
  }
  f64Ne(): this {
    return this.emit(0x62);
  }
  f64Gt(): this {
    return this.emit(0x64);
  }
  f64Le(): this {
    return this.emit(0x65);
  }
  f64Abs(): this {
    return this.emit(0x99);
  }
  f64ConvertI32U(): this {
    return this.emit(0xb8);
  }
  f64Neg(): this {
    return this.emit(0x9a);
  }
  i64Sub(): this {
    return this.emit(0x7d);
  }
  i64Mul(): this {
    return this.emit(0x7e);
  }
  i64Shl(): this {
    return this.emit(0x86);
  }
  i64Eq(): this {
    return this.emit(0x51);
  }
  i64TruncF64U(): this {
    return this.emit(0xb1);
  }
  f64ConvertI64S(): this {
    return this.emit(0xb9);
  }
  f64ConvertI64U(): this {
    return this.emit(0xba);
  }
  i32GtU(): this {
    return this.emit(0x4b);
  }
  i32GeS(): this {
    return this.emit(0x4e);
  }
  /** if (no result) on the i32 popped; close with `end()` (optionally after `else()`). */
  if(): this {
    return this.emit(0x04, 0x40);
  }
  else(): this {
    return this.emit(0x05);
  }
}

export interface WasmFunction {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Types of the extra locals, numbered after the parameters. */
  readonly locals: readonly ValType[];
  readonly body: Code;
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/**
 * A module importing `env.memory` and exporting `functions` under their names. The memory is shared (up to
 * `maxPages`) when maxPages is given, else an ordinary one.
 */
export function wasmModule(maxPages: number | null, functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const limits = maxPages === null ? [0x00, ...uleb(1)] : [0x03, ...uleb(1), ...uleb(maxPages)];
  const imports = [[...name('env'), ...name('memory'), 0x02, ...limits]];
  const codes = functions.map((f) => {
    const groups: number[][] = [];
    for (const t of f.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const body = [...vector(groups.map(([count, t]) => [...uleb(count), t])), ...f.body.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vector(codes)),
  ]);
}

/** The parts of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}
export type WasmExports = Record<string, (...args: number[]) => number>;
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: WasmExports };
}

/** The runtime's WebAssembly API, or null where there is none (e.g. node --jitless). */
export const wasmApi: WasmApi | null = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null;

export const WASM_PAGE = 65_536;
/** Memory32's limit: 4 GiB. */
export const WASM_MAX_PAGES = 65_536;
