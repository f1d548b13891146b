// Failures to reach something the kernel depends on (Redis, a Kubernetes API).
// They are expected operational failures: reported as one line, never a stack.
import { redactUrlCredentials } from '../logging/redaction';

export class DependencyUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyUnreachableError';
  }
}

interface ErrorLike {
  message: string;
  code?: unknown;
  cause?: unknown;
}

/** Duck-typed, because errors from fetch (undici) may come from another realm than `Error`. */
function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** A short reason for a network error, with any credentials in URLs removed. */
export function describeNetworkError(error: unknown): string {
  if (!isErrorLike(error)) return redactUrlCredentials(String(error));
  let reason = redactUrlCredentials(error.message.split('\n')[0] ?? '');
  const cause = error.cause;
  if (isErrorLike(cause) && cause.message && !reason.includes(cause.message)) {
    reason = `${reason} (${redactUrlCredentials(cause.message)})`;
  }
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code && !reason.includes(code)) return `${code} ${reason}`;
  return reason;
}
