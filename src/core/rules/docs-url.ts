/** Where rule docs live on the web; the CLI's stylish and SARIF output and the editor's diagnostics link here. */
export const RULE_DOCS_BASE_URL = 'https://github.com/synthlint/synthlint/blob/main/docs/rules/';

const CONFIGURATION_DOCS_URL = 'https://github.com/synthlint/synthlint/blob/main/docs/configuration.md';

/**
 * Findings that no rule produces (a bad config file, a bad suppression comment, a rule that crashed) are
 * explained on the configuration page rather than on a rule page of their own.
 */
const NON_RULE_ANCHORS: Readonly<Record<string, string>> = {
  'config-invalid': '#errors-in-the-config-file',
  'suppression-invalid': '#inline-comments',
  'internal-error': '#internal-errors',
};

export function ruleDocsUrl(ruleId: string): string {
  const anchor = NON_RULE_ANCHORS[ruleId];
  return anchor === undefined ? `${RULE_DOCS_BASE_URL}${ruleId}.md` : `${CONFIGURATION_DOCS_URL}${anchor}`;
}
