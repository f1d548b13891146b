/** The HTTP status of a failed @kubernetes/client-node call (its ApiException `code`), if any. */
export function kubeStatusCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? Number(error.code) : undefined;
}
