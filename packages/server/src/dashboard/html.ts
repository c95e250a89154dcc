/**
 * The dashboard's only way to make markup. Everything it shows is user-controlled (role names,
 * trust policies, request fields echoed into decision traces), so `html` escapes every value
 * it interpolates unless that value is already `Html` made by `html` itself: a renderer that
 * forgets to escape cannot be written without reaching for `new Html(...)` on purpose.
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template may interpolate; null and undefined render as nothing, arrays as their items in order. */
export type HtmlValue = Html | string | number | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe both between tags and inside a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: html`<td>${name}</td>` escapes `name` and keeps nested html`` fragments as they are. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}
