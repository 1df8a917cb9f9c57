/**
 * The `rnn-ntk` command line: builds the commander program and runs it, turning every user
 * error (bad flag, missing or malformed file, invalid argument) into a one-line message on
 * stderr and a non-zero exit code, with no stack trace. Only unexpected failures (bugs) print
 * a stack.
 */
import { Command, CommanderError } from 'commander';
import { RnnNtkError } from '../errors.js';
import { registerClaims } from './commands/claims.js';
import { registerComplexity } from './commands/complexity.js';
import { registerDemo } from './commands/demo.js';
import { registerExperiment } from './commands/experiment.js';
import { registerKernel } from './commands/kernel.js';
import { registerNtkPredict } from './commands/ntk-predict.js';
import { registerPredict } from './commands/predict.js';
import { registerSample } from './commands/sample.js';
import { registerTrain } from './commands/train.js';
import { UsageError } from './errors.js';
import { processIo, type CliIo } from './io.js';

/** Exit codes: 0 success, 1 a user error reported by the library, 2 a usage error, 70 a bug. */
export const EXIT = { ok: 0, userError: 1, usage: 2, internal: 70 } as const;

/** The commander program with every command registered, writing to `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('rnn-ntk')
    .description(
      'Executable theory of "On the Provable Generalization of Recurrent Neural Networks": sample concept ' +
        'classes, compute the RNN tangent kernel H∞ and the complexity yᵀ(H∞)⁻¹y, train the ReLU RNN with ' +
        'Algorithm 1, and check the paper\'s claims (experiments, demo).',
    )
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();
  // commands created after this point inherit the output routing, exitOverride and showHelpAfterError
  for (const register of [registerSample, registerKernel, registerComplexity, registerTrain, registerPredict, registerExperiment, registerDemo, registerClaims]) register(program, io);
  registerNtkPredict(program, io);
  return program;
}

/** Runs the CLI on `argv` (without the node and script paths); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its message (or the help/version text)
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr(`rnn-ntk: error: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof RnnNtkError) {
      io.stderr(`rnn-ntk: ${err.name}: ${err.message}\n`);
      return EXIT.userError;
    }
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EPIPE' || code === 'ENOSPC' || code === 'EIO' || code === 'EBADF') {
      // the output went away (a closed pipe, a full disk): one line, if stderr still takes it
      try {
        io.stderr(`rnn-ntk: cannot write the output (${code}: ${code === 'EPIPE' ? 'the reader closed the pipe' : code === 'ENOSPC' ? 'no space left on the device' : 'the output is unavailable'})\n`);
      } catch {
        // stderr is gone too: the exit code says it
      }
      return EXIT.userError;
    }
    io.stderr(`rnn-ntk: internal error (please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
