/**
 * The command line's optional packages (package.json `optionalDependencies`: commander,
 * cli-progress, vega, vega-lite), checked before the CLI loads any of them or does any work, so
 * that an install without them (`npm i --omit=optional`) gets one line saying what to install —
 * not a module-not-found stack trace, and not a demo that stops after its first experiment.
 * The library itself never imports them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The optional packages and the versions this release pins (from its package.json). */
export function cliPackages(): Readonly<Record<string, string>> {
  const pkg = require('../../package.json') as { optionalDependencies?: Record<string, string> };
  return pkg.optionalDependencies ?? {};
}

/** The packages of `wanted` that `resolve` cannot find (it throws for a missing package). */
export function missingPackages(wanted: readonly string[], resolve: (name: string) => unknown = (name) => require.resolve(name)): string[] {
  return wanted.filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/** One line naming the missing packages and the command that installs them. */
export function installHint(missing: readonly string[], versions: Readonly<Record<string, string>>): string {
  const specs = missing.map((name) => (versions[name] ? `${name}@${versions[name]}` : name)).join(' ');
  return `rnn-ntk: the command line needs the optional package${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, not installed here: install with \`npm i ${specs}\``;
}
