/**
 * The status bar's tooltip, from the status the server pushes: apart from the item (status-bar.ts) so that what
 * it says is testable without VS Code.
 */
import type { ManifestStatus } from '../protocol';

/** What would give the share a figure, by why it has none (core/ratios.ts ShareUnknownReason). */
const WHAT_WOULD_HELP: Record<NonNullable<NonNullable<ManifestStatus['syntheticShare']>['reason']>, string> = {
  'sizes-unknown': "Declare the sources' rows, or let the analyzer count local data.",
  'kinds-mixed': 'Write every weight in one kind: proportions of the mix, or fractions and counts of each dataset.',
  'origins-unknown': "State each source's origin (in the file, or a `datasets:` entry in .synthlint.yaml).",
};

/** The same in Restricted Mode, where the analyzer never runs: only what the manifest can say helps there. */
const WHAT_WOULD_HELP_RESTRICTED: Partial<typeof WHAT_WOULD_HELP> = {
  'sizes-unknown': "Declare the sources' rows.",
};

export function statusTooltip(status: ManifestStatus): string {
  // The server words the share (core/ratios.ts), so the tooltip says what the rule, CodeLens and report say.
  const share = status.syntheticShare;
  // In Restricted Mode the analyzer never runs: "let the analyzer measure the data" would be advice that cannot work.
  const notMeasured =
    status.restricted === undefined
      ? 'Synthetic share not measured: declare rows, tokens or weights, or let the analyzer measure the data.'
      : `Synthetic share not measured. ${status.restricted}`;
  return [
    share?.value !== undefined
      ? `Synthetic share: ${share.text}.`
      : share?.why !== undefined
        ? `Synthetic share unknown: ${share.why}.${share.reason === undefined ? '' : ` ${help(share.reason, status.restricted)}`}`
        : notMeasured,
    status.analyzing ? 'Analyzing the data…' : '',
    'Click to open the report.',
  ]
    .filter((s) => s.length > 0)
    .join('\n');
}

/** What would give the share a figure; in Restricted Mode (`restricted`, why no data is read) not the analyzer. */
function help(reason: keyof typeof WHAT_WOULD_HELP, restricted: string | undefined): string {
  const restrictedHelp = restricted === undefined ? undefined : WHAT_WOULD_HELP_RESTRICTED[reason];
  return restrictedHelp === undefined ? WHAT_WOULD_HELP[reason] : `${restrictedHelp} ${restricted}`;
}
