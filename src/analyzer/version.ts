import pkg from '../../package.json';

/**
 * Bump when readers, extraction or any metric changes what a profile says: cached profiles carry this
 * version in their key and are recomputed after an upgrade.
 */
const ANALYZER_REVISION = 6;

export const ANALYZER_VERSION = `${pkg.version}+a${ANALYZER_REVISION}`;
