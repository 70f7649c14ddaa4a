const QUOTE_MAX = 60;

/**
 * Text from a user's files inside a message: control and invisible formatting characters (bidi overrides among
 * them) are dropped, whitespace runs become one space, long text is cut, and the quotes are JSON's, so the text
 * can neither break the message's line nor pass itself off as synthlint's own words.
 */
export function quoteData(text: string): string {
  const chars = [...text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim()];
  return JSON.stringify(chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX - 1).join('')}…` : chars.join(''));
}
