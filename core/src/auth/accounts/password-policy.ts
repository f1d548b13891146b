// argocd-cm `passwordPattern` (Argo CD's default: 8 to 32 characters).
export const DEFAULT_PASSWORD_PATTERN = '^.{8,32}$';

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, configMap: Readonly<Record<string, string>>): string | undefined {
  const source = configMap['passwordPattern'] || DEFAULT_PASSWORD_PATTERN;
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch {
    pattern = new RegExp(DEFAULT_PASSWORD_PATTERN);
  }
  return pattern.test(password) ? undefined : `new password does not match the password pattern ${source}`;
}
