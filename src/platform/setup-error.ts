// An error whose message is the whole story for the person starting the hub: what is wrong and what to
// do. The CLI prints such a message alone (no stack trace) and exits 1; any other error is a bug and
// keeps its stack.

export class SetupError extends Error {
  override readonly name: string = 'SetupError';
}

export function isSetupError(error: unknown): error is SetupError {
  return error instanceof SetupError;
}
