// Every HTTP operation has a deadline (security.md, GraphQL hardening: "execution
// timeout, resolver deadlines propagated to K8s/git calls"). The context carries
// it as an AbortSignal; work a resolver waits on that can outlast it (a
// manifest render, a repository check, a package download) goes through
// `beforeDeadline`, which answers DEADLINE_EXCEEDED when it fires and passes
// the signal on so that work can stop too.
import { GraphQLError } from 'graphql';

export const DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED';

/** The signal an operation's work should stop at: when its deadline passes. */
export interface Deadline {
  signal: AbortSignal;
  /** How long the operation had, for the message. */
  ms: number;
}

export function operationDeadline(ms: number): Deadline {
  return { signal: AbortSignal.timeout(ms), ms };
}

export function deadlineExceeded(what: string, ms: number): GraphQLError {
  return new GraphQLError(`${what} did not finish within the request's ${formatSeconds(ms)} deadline; try again`, {
    extensions: { code: DEADLINE_EXCEEDED, http: { status: 504 } },
  });
}

/**
 * Resolves as `work(signal)` does, or rejects with DEADLINE_EXCEEDED once the
 * deadline passes (without a deadline — subscriptions, tests — it just waits).
 */
export async function beforeDeadline<T>(
  deadline: Deadline | undefined,
  what: string,
  work: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (deadline === undefined) return work(undefined);
  const { signal, ms } = deadline;
  if (signal.aborted) throw deadlineExceeded(what, ms);
  let onAbort: (() => void) | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(deadlineExceeded(what, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work(signal), expired]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
