// The command line of rnn-ntk (not part of the library's public API): this file only re-exports.
export { runCli, buildProgram, EXIT } from './program.js';
export type { CliIo } from './io.js';
