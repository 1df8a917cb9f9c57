#!/usr/bin/env node
/**
 * The `rnn-ntk` executable (package.json `bin`): checks that the command line's optional
 * packages are installed (one line and exit code 2 if not), then runs the CLI on the process's
 * arguments.
 */
import { cliPackages, installHint, missingPackages } from './requirements.js';

const versions = cliPackages();
const missing = missingPackages(Object.keys(versions));
if (missing.length > 0) {
  process.stderr.write(`${installHint(missing, versions)}\n`);
  process.exitCode = 2;
} else {
  const { runCli } = await import('./program.js');
  process.exitCode = await runCli(process.argv.slice(2));
}
