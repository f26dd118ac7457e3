/** Plain-text layout helpers for the terminal renderer: every width here counts visible characters. */

/**
 * Control characters (newlines, ESC) in a column name or path would break the layout or inject terminal
 * escape sequences, so they are shown as "?".
 */
export function sanitizeForTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Cuts `s` to `width` characters, marking the cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** Cuts `s` from the left (for paths, whose end is the informative part). */
export function truncateLeft(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  if (width <= 0) return '';
  return `…${chars.slice(chars.length - width + 1).join('')}`;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - [...s].length));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - [...s].length)) + s;
}
