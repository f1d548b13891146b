// Argo CD's built-in roles (assets/builtin-policy.csv): `role:readonly` reads
// everything, `role:admin` inherits it and may change everything, and the
// local `admin` account holds `role:admin`. Kept line for line so policies
// written for Argo CD behave the same here.
export const BUILTIN_POLICY_CSV = `# Built-in roles. Project-scoped resources (applications, applicationsets,
# logs, exec) take <project>/<object>; the others take <object>.

p, role:readonly, applications, get, */*, allow
p, role:readonly, applicationsets, get, */*, allow
p, role:readonly, certificates, get, *, allow
p, role:readonly, clusters, get, *, allow
p, role:readonly, repositories, get, *, allow
p, role:readonly, write-repositories, get, *, allow
p, role:readonly, projects, get, *, allow
p, role:readonly, accounts, get, *, allow
p, role:readonly, gpgkeys, get, *, allow
p, role:readonly, logs, get, */*, allow

p, role:admin, applications, create, */*, allow
p, role:admin, applications, update, */*, allow
p, role:admin, applications, update/*, */*, allow
p, role:admin, applications, delete, */*, allow
p, role:admin, applications, delete/*, */*, allow
p, role:admin, applications, sync, */*, allow
p, role:admin, applications, rollback, */*, allow
p, role:admin, applications, override, */*, allow
p, role:admin, applications, action/*, */*, allow
p, role:admin, applicationsets, get, */*, allow
p, role:admin, applicationsets, create, */*, allow
p, role:admin, applicationsets, update, */*, allow
p, role:admin, applicationsets, delete, */*, allow
p, role:admin, certificates, create, *, allow
p, role:admin, certificates, update, *, allow
p, role:admin, certificates, delete, *, allow
p, role:admin, clusters, create, *, allow
p, role:admin, clusters, update, *, allow
p, role:admin, clusters, delete, *, allow
p, role:admin, repositories, create, *, allow
p, role:admin, repositories, update, *, allow
p, role:admin, repositories, delete, *, allow
p, role:admin, write-repositories, create, *, allow
p, role:admin, write-repositories, update, *, allow
p, role:admin, write-repositories, delete, *, allow
p, role:admin, projects, create, *, allow
p, role:admin, projects, update, *, allow
p, role:admin, projects, delete, *, allow
p, role:admin, accounts, update, *, allow
p, role:admin, gpgkeys, create, *, allow
p, role:admin, gpgkeys, delete, *, allow
p, role:admin, exec, create, */*, allow

g, role:admin, role:readonly
g, admin, role:admin
`;

/** The casbin model Argo CD uses (assets/model.conf): deny wins over allow; roles via `g`. */
/**
 * Argo CD's built-in roles plus Driftless's own resource: Argo CD has no
 * `plugins`, so its roles say nothing about them. Reading plugins is
 * readonly's, changing them admin's. The enforcer's default.
 */
export const DRIFTLESS_BUILTIN_POLICY_CSV = `${BUILTIN_POLICY_CSV}
# Driftless: plugins (not in Argo CD).
p, role:readonly, plugins, get, *, allow
p, role:admin, plugins, create, *, allow
p, role:admin, plugins, update, *, allow
p, role:admin, plugins, delete, *, allow
`;

export const ARGOCD_RBAC_MODEL = `[request_definition]
r = sub, res, act, obj

[policy_definition]
p = sub, res, act, obj, eft

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && globOrRegexMatch(r.res, p.res) && globOrRegexMatch(r.act, p.act) && globOrRegexMatch(r.obj, p.obj)
`;
