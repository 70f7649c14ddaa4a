/**
 * The check bundle (dist/cli-check.js): `synthlint check --no-data`, the manifest rules only, which CI jobs and
 * pre-commit hooks start afresh on every run. It holds the `check` command without the data analyzer, the worker
 * pool, Parquet, remote sampling, the report and the language server, so a cold start reads, compiles (or takes
 * from the code cache) and keeps in memory a fraction of the full CLI bundle (dist/cli-main.js). The launcher
 * (src/cli/launcher.ts) runs it when the command line looks like such a run; whatever else it turns out to be
 * (data after all, another command), it is left to the full bundle, so output never depends on the guess.
 */
import { isManifestsOnly, run } from './commands/check';
import { descriptorIO } from './descriptor-io';
import { exitWhenDone } from './exit';

/** Runs `synthlint check` as the process when its arguments ask for the manifest rules only; says whether it did. */
export function runIfManifestsOnly(): boolean {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'check' || !isManifestsOnly(args)) return false;
  exitWhenDone(run(args, descriptorIO()));
  return true;
}
