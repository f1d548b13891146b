// The roles one `driftless` process can play (ARCHITECTURE.md, "Processes").
export const allRoles = ['server', 'controller', 'repo-server'] as const;

export type Role = (typeof allRoles)[number];

/** Default listen port per role: the API on 8080; the others serve probes and metrics. */
export function defaultPort(roles: readonly Role[]): number {
  if (roles.includes('server')) return 8080;
  if (roles.includes('controller')) return 8082;
  return 8084;
}
