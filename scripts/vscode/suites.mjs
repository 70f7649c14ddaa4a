// The workspaces the integration suite runs on, one VS Code window each (activation is decided once per
// window). test/integration/index.ts picks the files of a suite from SYNTHLINT_SUITE: `empty` runs
// *.empty.test.js, `main` everything else.
import path from 'node:path';
import { repoRoot } from './env.mjs';

export const SUITES = {
  main: path.join(repoRoot, 'examples'),
  empty: path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'no-manifests'),
};
