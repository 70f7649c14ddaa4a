// The workspaces the integration suite runs on, one VS Code window each (activation is decided once per
// window). test/integration/index.ts picks the files of a suite from SYNTHLINT_SUITE: a suite `x` runs
// *.x.test.js, `main` every plain *.test.js. `training` is a checkout of real alignment-handbook recipes: no
// file there has a manifest's name, so activation there comes from the training-config events alone.
import path from 'node:path';
import { repoRoot } from './env.mjs';

export const SUITES = {
  main: path.join(repoRoot, 'examples'),
  empty: path.join(repoRoot, 'test', 'fixtures', 'workspaces', 'no-manifests'),
  training: path.join(repoRoot, 'test', 'fixtures', 'real-configs', 'alignment-handbook'),
};
