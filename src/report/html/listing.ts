/** What the page says where a wide report's list is cut short: where every item is, linked when it was written beside the page. */
import { REPORT_FILE_NAMES } from '../types.js';
import { h, type Raw } from './escape.js';

/** A file written beside the page, for download (the header's links, and the notes under a cut list). */
export function fileLink(name: string): Raw {
  return h`<a href="${encodeURIComponent(name)}" download>${name}</a>`;
}

/**
 * The files among `formats` that hold every item, linked when `companions` (the files written beside the
 * page) has them; otherwise the reports named by their format.
 */
export function everyItemIn(formats: readonly ('json' | 'csv')[], companions: readonly string[]): Raw {
  const written = formats.map((f) => REPORT_FILE_NAMES[f]).filter((name) => companions.includes(name));
  if (written.length > 0) return h`${written.map((name, i) => h`${i === 0 ? '' : ' and '}${fileLink(name)}`)}`;
  return h`the ${formats.map((f) => f.toUpperCase()).join(' and ')} report${formats.length === 1 ? '' : 's'}`;
}
