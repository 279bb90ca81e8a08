/** An error meant for the user: one line, a chosen exit code, no stack trace. */
export class BylineError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'BylineError';
  }
}
