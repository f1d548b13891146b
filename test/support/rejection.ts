// Awaiting a promise that must fail, for assertions on the error it fails with.

/**
 * The error `work` rejects with. Fails the test when `work` resolves, or
 * rejects with something that is not a `type`.
 */
export async function rejectionOf<T extends Error>(
  work: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const outcome = await work.then(
    () => ({ resolved: true as const }),
    (reason: unknown) => ({ resolved: false as const, reason }),
  );
  if (outcome.resolved) throw new Error(`expected a ${type.name}, but the promise resolved`);
  if (!(outcome.reason instanceof type)) {
    throw new Error(`expected a ${type.name}, got ${String(outcome.reason)}`, { cause: outcome.reason });
  }
  return outcome.reason;
}
