/**
 * The one sanitiser for text from users' files (ids, names, paths, quoted records) on its way to a terminal. A
 * hostile manifest could otherwise carry escape sequences that recolour, hide or rewrite what the terminal shows
 * (ESC, CSI, OSC 8 links, a bell), or bidi overrides that make text read differently from what it is
 * (CVE-2021-42574, "Trojan Source"). Escapes are made visible, not dropped, so the user sees that they are there.
 */

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding, override and isolate controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same in one line of output: newlines and tabs too. */
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/**
 * In JSON: UNSAFE and the line separators. Not newlines and tabs, which stay as they are: outside strings they are
 * the indentation (one match a line, a replacement call each: ~50 ms for a 1.5 MB profile), inside them escaped already.
 */
const UNSAFE_IN_JSON = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** File-derived text for a terminal: control characters and bidi controls shown as `\x1B`, `\u202E`. Newlines and tabs kept. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** File-derived text for one line of terminal output: newlines and tabs escaped as well. */
export function terminalLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, visible);
}

/**
 * JSON output that is safe to print: JSON.stringify already escapes C0 controls; this also escapes DEL, C1 and
 * bidi controls (and the line separators some terminals honour) as `\uXXXX`, which parses back to the same value.
 */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
