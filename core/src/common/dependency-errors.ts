// Failures to reach something the kernel depends on (Redis, a Kubernetes API).
// They are expected operational failures: reported as one line, never a stack.
import { redactUrlCredentials } from '../logging/redaction';

export class DependencyUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyUnreachableError';
  }
}

/** A short reason for a network error, with any credentials in URLs removed. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = (error as Error & { cause?: unknown }).cause;
    const firstLine = error.message.split('\n')[0] ?? '';
    let reason = redactUrlCredentials(firstLine);
    if (cause instanceof Error && cause.message && !reason.includes(cause.message)) {
      reason = `${reason} (${redactUrlCredentials(cause.message)})`;
    }
    if (code && !reason.includes(code)) return `${code} ${reason}`;
    return reason;
  }
  return String(error);
}
