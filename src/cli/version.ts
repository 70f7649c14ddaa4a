// Bundled from package.json at build time (esbuild keeps only this field), so `synthlint --version` never drifts.
import { version } from '../../package.json';

export const VERSION: string = version;
