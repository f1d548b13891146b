// What `argocd cluster add` installs in the cluster it registers: the
// `argocd-manager` ServiceAccount, a role with every verb on every resource
// (a ClusterRole and ClusterRoleBinding, or a Role and RoleBinding in each of
// the managed namespaces), and a long-lived token — a Secret of type
// kubernetes.io/service-account-token that the cluster's token controller
// fills, the only way to get one since Kubernetes 1.24 stopped creating them.
import {
  CoreV1Api,
  RbacAuthorizationV1Api,
  type KubeConfig,
  type V1PolicyRule,
  type V1Secret,
  type RbacV1Subject,
} from '@kubernetes/client-node';
import { kubeStatusCode } from '../../../kube/api-status';
import { CliError } from '../../exit-codes';
import { describeKubeError, unlessNotFound } from './kube-errors';

export const MANAGER_SERVICE_ACCOUNT = 'argocd-manager';
export const MANAGER_ROLE = 'argocd-manager-role';
export const MANAGER_ROLE_BINDING = 'argocd-manager-role-binding';
const TOKEN_SECRET_SUFFIX = '-long-lived-token';

const everyResource: V1PolicyRule = { apiGroups: ['*'], resources: ['*'], verbs: ['*'] };
const clusterRules: V1PolicyRule[] = [everyResource, { nonResourceURLs: ['*'], verbs: ['*'] }];

export type Progress = (line: string) => void;

export interface TokenWait {
  timeoutMs: number;
  intervalMs: number;
}

/** Wraps a failed call into one line saying what was being done, in which cluster. */
async function step<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot ${what}: ${describeKubeError(error)}`);
  }
}

/** Creates, or replaces what is there under the same name (as Argo CD does). */
async function upsert(
  label: string,
  progress: Progress,
  create: () => Promise<unknown>,
  replace: () => Promise<unknown>,
) {
  await step(`create ${label}`, async () => {
    try {
      await create();
      progress(`${label} created`);
    } catch (error) {
      if (kubeStatusCode(error) !== 409) throw error;
      await replace();
      progress(`${label} updated`);
    }
  });
}

export async function installManagerRbac(
  kubeConfig: KubeConfig,
  systemNamespace: string,
  namespaces: string[],
  progress: Progress,
): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  const account = `ServiceAccount "${MANAGER_SERVICE_ACCOUNT}" in namespace "${systemNamespace}"`;
  await step(`create ${account}`, async () => {
    try {
      await core.createNamespacedServiceAccount({
        namespace: systemNamespace,
        body: { metadata: { name: MANAGER_SERVICE_ACCOUNT } },
      });
      progress(`${account} created`);
    } catch (error) {
      if (kubeStatusCode(error) !== 409) throw error;
      progress(`${account} already exists`);
    }
  });
  const subject: RbacV1Subject = { kind: 'ServiceAccount', name: MANAGER_SERVICE_ACCOUNT, namespace: systemNamespace };
  if (namespaces.length === 0) {
    const role = { metadata: { name: MANAGER_ROLE }, rules: clusterRules };
    await upsert(
      `ClusterRole "${MANAGER_ROLE}"`,
      progress,
      () => rbac.createClusterRole({ body: role }),
      () => rbac.replaceClusterRole({ name: MANAGER_ROLE, body: role }),
    );
    const binding = {
      metadata: { name: MANAGER_ROLE_BINDING },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: MANAGER_ROLE },
      subjects: [subject],
    };
    await upsert(
      `ClusterRoleBinding "${MANAGER_ROLE_BINDING}"`,
      progress,
      () => rbac.createClusterRoleBinding({ body: binding }),
      () => rbac.replaceClusterRoleBinding({ name: MANAGER_ROLE_BINDING, body: binding }),
    );
    return;
  }
  for (const namespace of namespaces) {
    const role = { metadata: { name: MANAGER_ROLE }, rules: [everyResource] };
    await upsert(
      `Role "${namespace}/${MANAGER_ROLE}"`,
      progress,
      () => rbac.createNamespacedRole({ namespace, body: role }),
      () => rbac.replaceNamespacedRole({ name: MANAGER_ROLE, namespace, body: role }),
    );
    const binding = {
      metadata: { name: MANAGER_ROLE_BINDING },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: MANAGER_ROLE },
      subjects: [subject],
    };
    await upsert(
      `RoleBinding "${namespace}/${MANAGER_ROLE_BINDING}"`,
      progress,
      () => rbac.createNamespacedRoleBinding({ namespace, body: binding }),
      () => rbac.replaceNamespacedRoleBinding({ name: MANAGER_ROLE_BINDING, namespace, body: binding }),
    );
  }
}

function tokenOf(secret: V1Secret | undefined): string | undefined {
  const encoded = secret?.data?.token;
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
}

/**
 * The bearer token of `account`: from its `<account>-long-lived-token` Secret,
 * created when absent, once the token controller has filled it.
 */
export async function serviceAccountToken(
  kubeConfig: KubeConfig,
  namespace: string,
  account: string,
  progress: Progress,
  wait: TokenWait,
): Promise<string> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const where = `${namespace}/${account}`;
  const found = await step(`read ServiceAccount ${where}`, () =>
    unlessNotFound(core.readNamespacedServiceAccount({ name: account, namespace })),
  );
  if (!found)
    throw new CliError(
      `ServiceAccount ${where} does not exist — create it, or leave out --service-account to install ${MANAGER_SERVICE_ACCOUNT}`,
    );
  const name = `${account}${TOKEN_SECRET_SUFFIX}`;
  const body: V1Secret = {
    metadata: { name, annotations: { 'kubernetes.io/service-account.name': account } },
    type: 'kubernetes.io/service-account-token',
  };
  await step(`create Secret ${namespace}/${name}`, async () => {
    try {
      await core.createNamespacedSecret({ namespace, body });
      progress(`Secret "${namespace}/${name}" created for the token of ServiceAccount "${account}"`);
    } catch (error) {
      if (kubeStatusCode(error) !== 409) throw error;
      progress(`using the token in Secret "${namespace}/${name}"`);
    }
  });
  const deadline = Date.now() + wait.timeoutMs;
  for (;;) {
    const secret = await step(`read Secret ${namespace}/${name}`, () =>
      unlessNotFound(core.readNamespacedSecret({ name, namespace })),
    );
    if (
      secret &&
      (secret.type !== body.type || secret.metadata?.annotations?.['kubernetes.io/service-account.name'] !== account)
    )
      throw new CliError(
        `Secret ${namespace}/${name} exists but is not a token of ServiceAccount ${account} — remove it and try again`,
      );
    const token = tokenOf(secret);
    if (token) return token;
    if (Date.now() >= deadline)
      throw new CliError(
        `ServiceAccount ${where} got no token within ${Math.round(wait.timeoutMs / 1000)} s: nothing filled Secret ${namespace}/${name} (is the cluster's token controller running?)`,
      );
    await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
  }
}
