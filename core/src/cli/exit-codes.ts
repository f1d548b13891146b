// Exit codes of the `driftless` CLI. Scripts may rely on them.
export const ExitCode = {
  /** The command did what it was asked. */
  ok: 0,
  /** The command ran and the outcome is a failure (e.g. validation found problems). */
  failed: 1,
  /** The command line or configuration is wrong: unknown flag, bad value, invalid env variable. */
  usage: 2,
  /** Something the command needs does not answer: Redis, Kubernetes, the Driftless server. */
  unreachable: 3,
  /** A wait (e.g. for a sync operation) ran out of time; what it waited for may still finish. */
  timedOut: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: printed as one line (no stack) and mapped to an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
