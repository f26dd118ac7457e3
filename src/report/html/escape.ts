/** Escapes text for HTML content and double- or single-quoted attribute values. Every user string goes through it. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Tagged template helper: `h\`<td>${name}</td>\`` escapes every interpolated value unless it is Raw. */
export class Raw {
  constructor(readonly html: string) {}
}

export function raw(html: string): Raw {
  return new Raw(html);
}

type Interpolation = string | number | Raw | readonly Raw[] | null | undefined;

export function h(strings: TemplateStringsArray, ...values: Interpolation[]): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Raw(out);
}

function render(v: Interpolation): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return (v as readonly Raw[]).map((r) => r.html).join('');
  return escapeHtml(String(v));
}
