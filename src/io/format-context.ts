/** Context for the errors of the file readers: which file or key a library error is about. */
import { FormatError, RnnNtkError } from '../errors.js';

/** Re-throws a library error about the content of a file as a FormatError prefixed with `what`. */
export function asFormatError<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof FormatError) throw err;
    if (err instanceof RnnNtkError) throw new FormatError(`${what}: ${err.message}`);
    throw err;
  }
}
