// Starts the real kernel in-process against real Redis and an embedded
// cluster. Each test gets its own control-plane namespace, which also
// namespaces Redis channels and queues, so parallel suites do not interfere.
//
// A kernel with the server role is logged in to as admin (the initial password
// the server stores in argocd-initial-admin-secret): postGraphql/subscribe send
// that session by default, and DRIFTLESS_AUTH_TOKEN carries it to CLI commands
// run in this test file (jest gives each file its own process.env).
import { randomUUID } from 'node:crypto';
import { CoreV1Api } from '@kubernetes/client-node';
import { loadConfig } from '../../core/src/config/config.schema';
import { type Role } from '../../core/src/kernel/roles';
import { startKernel, type RunningKernel } from '../../core/src/kernel/start-kernel';
import { type ClusterConnection } from '../../core/src/kube/cluster-connection';
import { ensureNamespace } from '../../core/src/kube/ensure-resources';
import { setDefaultToken } from './graphql';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueNamespace(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}

export async function startTestKernel(options: {
  cluster: ClusterConnection;
  namespace: string;
  roles?: Role[];
  /** Further environment variables of the kernel's configuration. */
  env?: Record<string, string>;
  /** Log in as admin and make that session the default (true when the server role runs). */
  login?: boolean;
}): Promise<RunningKernel> {
  const config = loadConfig({
    REDIS_URL: redisUrl,
    DRIFTLESS_NAMESPACE: options.namespace,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Refused logins take 20–40 ms instead of Argo CD's 0.5–1 s, so rate-limit tests stay quick.
    DRIFTLESS_LOGIN_DELAY_MS: '20',
    ...options.env,
  });
  const roles = options.roles ?? ['server'];
  // The server keeps argocd-secret and argocd-initial-admin-secret in its namespace, as in a real install.
  if (roles.includes('server')) await ensureNamespace(options.cluster.kubeConfig, options.namespace);
  const kernel = await startKernel({ config, cluster: options.cluster, roles, address: '127.0.0.1', port: 0 });
  if (roles.includes('server') && options.login !== false) {
    const password = await initialAdminPassword(options.cluster, options.namespace);
    const token = await loginToken(kernel.url, 'admin', password);
    setDefaultToken(kernel.url, token);
    process.env.DRIFTLESS_AUTH_TOKEN = token;
  }
  return kernel;
}

/** The admin password a server generated on first start. */
export async function initialAdminPassword(cluster: ClusterConnection, namespace: string): Promise<string> {
  const api = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const secret = await api.readNamespacedSecret({ name: 'argocd-initial-admin-secret', namespace });
  return Buffer.from(secret.data?.['password'] ?? '', 'base64').toString('utf8');
}

/** Logs in over GraphQL and returns the session token (throws with the server's answer otherwise). */
export async function loginToken(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { token } }',
      variables: { username, password },
    }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`login as ${username} failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}
