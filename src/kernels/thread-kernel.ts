/**
 * A generated WebAssembly module with a memory of its own, compiled once per thread on first use (module
 * state is per isolate, so each thread that calls a kernel gets its own instance) and grown as the largest
 * input so far needs, then reused. Where WebAssembly cannot run (no API, or a runtime that forbids compiling
 * code) the kernel is null and the caller takes its JavaScript path.
 */
import { wasmApi, wasmModule, WASM_PAGE, type WasmExports, type WasmFunction, type WasmMemory } from './wasm-assembler.js';

export interface ThreadKernel {
  readonly memory: WasmMemory;
  readonly ex: WasmExports;
}

/**
 * A getter for this thread's instance of the module made of `functions()`; `init` fills the memory's fixed
 * part (tables) once, after instantiation.
 */
export function threadKernel(functions: () => readonly WasmFunction[], init?: (kernel: ThreadKernel) => void): () => ThreadKernel | null {
  let kernel: ThreadKernel | null | undefined;
  return () => {
    if (kernel !== undefined) return kernel;
    kernel = null;
    if (wasmApi === null) return null;
    try {
      const memory = new wasmApi.Memory({ initial: 1 });
      const k: ThreadKernel = { memory, ex: new wasmApi.Instance(new wasmApi.Module(wasmModule(null, functions())), { env: { memory } }).exports };
      init?.(k);
      kernel = k;
    } catch {
      kernel = null;
    }
    return kernel;
  };
}

/** Grows `memory` to hold at least `bytes`; false past the engine's memory limit (the caller falls back). */
export function reserveMemory(memory: WasmMemory, bytes: number): boolean {
  const missing = Math.ceil((bytes - memory.buffer.byteLength) / WASM_PAGE);
  if (missing <= 0) return true;
  try {
    memory.grow(missing);
    return true;
  } catch {
    return false;
  }
}
