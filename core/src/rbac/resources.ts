// The RBAC vocabulary: Argo CD's resources and actions, plus Driftless's own
// `plugins`. Policy validation and `settings rbac can --strict` read these
// tables; the enforcer itself matches any string, as Argo CD's does.

export const RBAC_RESOURCES = [
  'clusters',
  'projects',
  'applications',
  'applicationsets',
  'repositories',
  'write-repositories',
  'certificates',
  'accounts',
  'gpgkeys',
  'logs',
  'exec',
  'extensions',
  'plugins',
] as const;

export type RbacResource = (typeof RBAC_RESOURCES)[number];

export const RBAC_ACTIONS = [
  'get',
  'create',
  'update',
  'delete',
  'sync',
  'rollback',
  'override',
  'action',
  'invoke',
] as const;

export type RbacAction = (typeof RBAC_ACTIONS)[number];

/** `true` when the action may carry a sub-resource path, e.g. `update/apps/Deployment/ns/web`. */
type ActionTable = Readonly<Partial<Record<RbacAction, boolean>>>;

const CRUD: ActionTable = { get: false, create: false, update: false, delete: false };

/**
 * Which actions each resource knows. Taken from `argocd admin settings rbac`'s
 * table, widened by what Argo CD's built-in policy grants (accounts get,
 * certificates update, applications rollback) so the built-in policy itself validates.
 */
export const RBAC_RESOURCE_ACTIONS: Readonly<Record<RbacResource, ActionTable>> = {
  applications: {
    get: false,
    create: false,
    update: true,
    delete: true,
    sync: false,
    rollback: false,
    override: false,
    action: true,
  },
  applicationsets: CRUD,
  clusters: CRUD,
  repositories: CRUD,
  'write-repositories': CRUD,
  projects: CRUD,
  certificates: CRUD,
  accounts: { get: false, create: false, update: false },
  gpgkeys: { get: false, create: false, delete: false },
  logs: { get: false },
  exec: { create: false },
  extensions: { invoke: false },
  plugins: CRUD,
};

/**
 * Resources whose objects are `<project>/<name>` (or `<project>/<namespace>/<name>`
 * with apps in any namespace); a request on them consults that project's roles.
 */
export const PROJECT_SCOPED_RESOURCES: ReadonlySet<string> = new Set([
  'applications',
  'applicationsets',
  'logs',
  'exec',
  'clusters',
  'repositories',
]);

/** Resources whose objects are Kubernetes names, so requests can be checked as DNS-1123 before matching. */
export const APP_LIKE_RESOURCES: ReadonlySet<string> = new Set(['applications', 'applicationsets', 'logs', 'exec']);

/** Short names `argocd admin settings rbac can` accepts for a resource. */
const RESOURCE_ALIASES: Readonly<Record<string, RbacResource>> = {
  account: 'accounts',
  app: 'applications',
  apps: 'applications',
  application: 'applications',
  applicationset: 'applicationsets',
  appset: 'applicationsets',
  cert: 'certificates',
  certs: 'certificates',
  certificate: 'certificates',
  cluster: 'clusters',
  extension: 'extensions',
  gpgkey: 'gpgkeys',
  key: 'gpgkeys',
  log: 'logs',
  plugin: 'plugins',
  proj: 'projects',
  projs: 'projects',
  project: 'projects',
  repo: 'repositories',
  repos: 'repositories',
  repository: 'repositories',
  'write-repository': 'write-repositories',
};

export function isRbacResource(name: string): name is RbacResource {
  return (RBAC_RESOURCES as readonly string[]).includes(name);
}

/** Resolves a CLI short name (`app`, `cert`, `repo`…) to the RBAC resource; unknown names pass through. */
export function resolveResourceAlias(name: string): string {
  return Object.hasOwn(RESOURCE_ALIASES, name) ? (RESOURCE_ALIASES[name] as string) : name;
}

/**
 * Why `action` is not a known action of `resource`, or `undefined` when it is.
 * Both must be literal names (no patterns); `update/<group>/<kind>/<ns>/<name>`
 * style paths are accepted where Argo CD accepts them.
 */
export function literalActionProblem(resource: string, action: string): string | undefined {
  if (!isRbacResource(resource)) return `'${resource}' is not a valid resource name`;
  const slash = action.indexOf('/');
  const verb = slash === -1 ? action : action.slice(0, slash);
  const table = RBAC_RESOURCE_ACTIONS[resource];
  const allowsPath = Object.hasOwn(table, verb) ? table[verb as RbacAction] : undefined;
  if (allowsPath === undefined || (slash !== -1 && !allowsPath))
    return `'${action}' is not a valid action for ${resource}`;
  return undefined;
}
