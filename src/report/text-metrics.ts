/**
 * Text width estimates for server-side chart layout. Without a canvas, ECharts guesses text widths from
 * Helvetica-like metrics, but the PNG is drawn with DejaVu Sans (the font CI installs), which is about 10%
 * wider, so axis labels overflowed the space reserved for them. These are DejaVu Sans advance widths (em
 * units) for printable ASCII, measured once with resvg; being the widest of the usual fonts, they leave
 * browsers with narrower system fonts a little spare room rather than clipped labels.
 */
const ASCII_WIDTHS = [
  0.32, 0.4, 0.46, 0.84, 0.64, 0.95, 0.78, 0.27, 0.39, 0.39, 0.5, 0.84, 0.32, 0.36, 0.32, 0.34, 0.64, 0.64, 0.64, 0.64,
  0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.34, 0.34, 0.84, 0.84, 0.84, 0.53, 1, 0.71, 0.69, 0.7, 0.77, 0.63, 0.58, 0.77,
  0.75, 0.29, 0.29, 0.66, 0.56, 0.86, 0.75, 0.79, 0.6, 0.79, 0.69, 0.63, 0.6, 0.73, 0.68, 0.99, 0.69, 0.61, 0.69, 0.39,
  0.34, 0.39, 0.84, 0.5, 0.5, 0.61, 0.63, 0.55, 0.63, 0.62, 0.34, 0.63, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97, 0.63, 0.61,
  0.63, 0.63, 0.4, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.52, 0.64, 0.34, 0.64, 0.84,
];
/** Non-ASCII characters (ellipsis, dashes, accented letters): a typical wide-ish glyph. */
const OTHER_WIDTH = 0.75;
const DEFAULT_FONT_SIZE = 12;

/** Estimated advance width in pixels of `text` set in a CSS `font` shorthand such as "bold 14px sans-serif". */
export function estimateTextWidth(text: string, font = `${DEFAULT_FONT_SIZE}px sans-serif`): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? DEFAULT_FONT_SIZE);
  const bold = /\bbold\b|\b[6-9]00\b/.test(font) ? 1.08 : 1;
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    em += code >= 32 && code < 127 ? ASCII_WIDTHS[code - 32]! : OTHER_WIDTH;
  }
  return em * size * bold;
}
