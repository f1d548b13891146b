// One answer for "forbidden" and "not found" (security.md BI-RBAC-5; Argo CD
// GHSA-2q5c-qw9c-fmvq). The API reads the object whatever RBAC says, so the
// time taken does not tell; it authorizes against the stored object (its real
// project), not the name in the request (BI-RBAC-3, BI-RBAC-4); and it reports
// a missing object exactly as a forbidden one unless the caller was allowed to
// see that name, in which case "not found" tells them nothing new.

/** The message for both outcomes, so neither wording nor status can differ. */
export const PERMISSION_DENIED_MESSAGE = 'permission denied';

export type GuardedResult<T> =
  | { outcome: 'allowed'; value: T }
  | { outcome: 'denied'; message: typeof PERMISSION_DENIED_MESSAGE }
  | { outcome: 'not-found' };

export interface GuardedLookup<T> {
  /** The RBAC object named by the request, e.g. `<project>/<name>` when the caller gave a project; omit when it did not. */
  requestedObject?: string | undefined;
  /** Reads the object; `undefined` when it does not exist. */
  fetch: () => Promise<T | undefined>;
  /** The RBAC object of the stored value, e.g. `<its project>/<its name>`. */
  objectOf: (value: T) => string;
  /** The RBAC check for one object, e.g. `(object) => enforcer.can(claims, 'get', 'applications', object)`. */
  can: (object: string) => Promise<boolean>;
}

export async function guardedLookup<T>(lookup: GuardedLookup<T>): Promise<GuardedResult<T>> {
  const denied = { outcome: 'denied', message: PERMISSION_DENIED_MESSAGE } as const;
  const { requestedObject } = lookup;
  if (requestedObject !== undefined && !(await lookup.can(requestedObject))) {
    // Read anyway: a refusal must take as long as a read that finds the object elsewhere.
    await lookup.fetch().catch(() => undefined);
    return denied;
  }
  const value = await lookup.fetch();
  if (value === undefined) return requestedObject === undefined ? denied : { outcome: 'not-found' };
  if (await lookup.can(lookup.objectOf(value))) return { outcome: 'allowed', value };
  // The caller could see the requested name: answering "denied" now would reveal the object exists elsewhere.
  return requestedObject === undefined ? denied : { outcome: 'not-found' };
}
