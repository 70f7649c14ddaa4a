import pkg from '../../package.json';

/**
 * Bump when readers, extraction or any metric changes what a profile says, or a metric's state changes
 * shape: cached profiles carry this version in their key and are recomputed after an upgrade, and
 * `synthlint merge` accepts only partial profiles of this revision (partial-profile.ts).
 */
export const ANALYZER_REVISION = 18;

export const ANALYZER_VERSION = `${pkg.version}+a${ANALYZER_REVISION}`;
