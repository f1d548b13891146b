// One-line reasons for failed Kubernetes calls: the Status message and HTTP
// code the API server answered, or the network error — never a request
// header, so never a token.
import { describeNetworkError } from '../../../common/dependency-errors';
import { kubeStatusCode } from '../../../kube/api-status';

function statusMessage(body: unknown): string | undefined {
  let status = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const message = (status as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message.split('\n')[0] : undefined;
}

export function describeKubeError(error: unknown): string {
  const code = kubeStatusCode(error);
  if (code === undefined || Number.isNaN(code)) return describeNetworkError(error);
  const message = statusMessage((error as { body?: unknown }).body);
  return message ? `${message} (HTTP ${code})` : `HTTP ${code}`;
}

/** Resolves to undefined instead of rejecting when the API answers 404. */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (kubeStatusCode(error) === 404) return undefined;
    throw error;
  }
}
