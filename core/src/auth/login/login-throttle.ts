// Argo CD's login rate limiting (util/session/sessionmanager.go), as decisions
// on plain numbers: after `maxFailures` failed attempts for a username within
// `windowSeconds` of the last failure, every further attempt is refused without
// looking at the password; each answer about a password takes a random
// 500–1000 ms in all, so neither timing nor counting tells an attacker more.

export interface LoginThrottlePolicy {
  /** Failures that lock a username (Argo CD's ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT, default 5); 0 disables. */
  maxFailures: number;
  /** Seconds a failure counts after the last one (ARGOCD_SESSION_FAILURE_WINDOW_SECONDS, default 300). */
  windowSeconds: number;
  /** The shortest time an attempt takes; the longest is twice that (Argo CD: 500 ms). */
  minimumDelayMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = { maxFailures: 5, windowSeconds: 300, minimumDelayMs: 500 };

/** Longest username looked up (Argo CD's maxUsernameLength). */
export const MAX_USERNAME_LENGTH = 32;

export function loginLocked(failures: number, policy: LoginThrottlePolicy): boolean {
  return policy.maxFailures > 0 && failures >= policy.maxFailures;
}

/** How much longer an attempt that has run `elapsedMs` must wait; `random` in [0, 1). */
export function remainingDelayMs(elapsedMs: number, policy: LoginThrottlePolicy, random: number): number {
  const target = policy.minimumDelayMs * (1 + random);
  return Math.max(0, Math.round(target - elapsedMs));
}
