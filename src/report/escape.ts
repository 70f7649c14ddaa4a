/**
 * The only two ways dataset or manifest text reaches the report's HTML. Everything the server renders goes
 * through `escapeHtml`; the model goes into a `<script type="application/json">` through `jsonForScript`.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for element content and for quoted attribute values alike. Bidi controls (U+202A–U+202E,
 * U+2066–U+2069) are shown as visible code points rather than allowed to reorder the text around them:
 * an RTL override in a source id could otherwise make `exe.txt` read as `txt.exe` (Trojan Source, CVE-2021-42574).
 */
export function escapeHtml(text: string): string {
  return neutraliseBidi(text).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c);
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Replaces bidirectional control characters with a visible `<U+202E>` marker; used for text nodes set by scripts too. */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>` and `&` become \u escapes so `</script>` or `<!--`
 * in the data cannot end or change the element, and U+2028/U+2029 (valid in JSON, line terminators in older JS
 * parsers) are escaped too. `JSON.parse` of the element's text gives back the original value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Script text safe to inline in a `<script>` element. `<\/` means the same as `</` inside JS strings, regular
 * expressions (also with the `u` flag) and comments, which is where a bundle can contain it.
 */
export function scriptForInline(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

/** Only https links are rendered; anything else (javascript:, data:, relative) is shown as text. */
export function safeHttpsUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Markup that is already escaped; only the `html` tag and `trustedHtml` create it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | boolean | undefined | null | readonly HtmlValue[];

/**
 * Tagged template that escapes every interpolated value unless it is SafeHtml made by this tag, so markup is
 * safe by construction: `html\`<td>${source.id}</td>\`` cannot inject, and nesting composes.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** For text that is markup by construction and contains no data: the inline bundle and stylesheet. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
