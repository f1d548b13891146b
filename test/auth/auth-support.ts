// Helpers for the auth tests: raw GraphQL calls with a chosen token, settings
// edits on the control-plane cluster, and the server's Secrets.
import { CoreV1Api } from '@kubernetes/client-node';
import { type ClusterConnection } from '../../core/src/kube/cluster-connection';
import { type GraphqlError, postGraphql } from '../support/graphql';

export const LOGIN =
  'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { token expiresAt } }';

/** A GraphQL call as `token` (null: anonymous) that returns data and the first error's code and message. */
export async function gql<T>(
  baseUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; data: T | undefined; error: GraphqlError | undefined; text: string }> {
  const { status, body } = await postGraphql<T>(baseUrl, query, variables, { token });
  return { status, data: body.data ?? undefined, error: body.errors?.[0], text: JSON.stringify(body) };
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const { data, error } = await gql<{ login: { token: string } }>(baseUrl, null, LOGIN, { username, password });
  if (!data) throw new Error(`login as ${username} failed: ${error?.message}`);
  return data.login.token;
}

/** Whether `token` is accepted right now (userInfo answers with its account). */
export async function whoAmI(baseUrl: string, token: string): Promise<string | undefined> {
  const { data } = await gql<{ userInfo: { username: string } }>(baseUrl, token, '{ userInfo { username } }');
  return data?.userInfo.username;
}

/** Creates or replaces a ConfigMap of the namespace with exactly `data`. */
export async function setConfigMap(
  cluster: ClusterConnection,
  namespace: string,
  name: string,
  data: Record<string, string>,
): Promise<void> {
  const api = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const body = { metadata: { name, namespace }, data };
  try {
    await api.replaceNamespacedConfigMap({ name, namespace, body });
  } catch {
    await api.createNamespacedConfigMap({ namespace, body });
  }
}

export async function secretData(
  cluster: ClusterConnection,
  namespace: string,
  name: string,
): Promise<Record<string, string>> {
  const api = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const secret = await api.readNamespacedSecret({ name, namespace });
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
  );
}

/** Polls `check` every 100 ms until it returns true (settings reach the server through short caches). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
