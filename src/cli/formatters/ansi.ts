/** The few SGR styles the text formatters use; each helper returns its input unchanged when colour is off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const ON: Styles = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  underline: sgr(4, 24),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
};

const same = (text: string): string => text;
const OFF: Styles = { bold: same, dim: same, underline: same, red: same, yellow: same, cyan: same, green: same };

export function styles(color: boolean): Styles {
  return color ? ON : OFF;
}

/** Visible width of a string that may hold SGR escapes, for aligning columns. */
export function visibleLength(text: string): number {
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}
