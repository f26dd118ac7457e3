/** Which upload an analyze error is about, so the page shows it beside that file input. */

export const UPLOAD_FIELDS = ['reference', 'current', 'model'] as const;
export type UploadField = (typeof UPLOAD_FIELDS)[number];

/**
 * The error's `field` when it names an upload ("current", "current.rows[3]", "reference:line 12"), else the
 * first upload the message names ("current file, line 4: …"); undefined when neither does.
 */
export function fieldOfUpload(field: string | undefined, message: string): UploadField | undefined {
  if (field !== undefined) {
    const head = /^[a-z]+/i.exec(field)?.[0]?.toLowerCase();
    if (head !== undefined && (UPLOAD_FIELDS as readonly string[]).includes(head)) return head as UploadField;
  }
  const m = /\b(reference|current|model)\b/i.exec(message);
  return m === null ? undefined : (m[1]!.toLowerCase() as UploadField);
}
