/** Bytes of ASCII characters that the byte-level parsers and their WebAssembly kernels test for. */
export const LF = 10;
export const CR = 13;
export const QUOTE = 34;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
