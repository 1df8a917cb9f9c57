/** Errors of the command line itself (as opposed to the library's typed errors). */

/** The user asked for something the CLI cannot do (bad flag combination, missing file). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
