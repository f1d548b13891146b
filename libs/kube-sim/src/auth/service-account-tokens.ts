// Long-lived service-account tokens, as the token controller of
// kube-controller-manager writes them into Secrets of type
// kubernetes.io/service-account-token, and the API server's check of them.
// A token is a JWT with the legacy claims (namespace, Secret, ServiceAccount
// name and uid); it is valid while its Secret still holds it and the
// ServiceAccount it names exists with the same uid — so deleting either
// revokes it, as on a real cluster. The signature is random: kube-sim checks
// a token against its Secret rather than a signing key, which also keeps
// tokens valid across a restart with persisted state.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClusterApi } from '../api/cluster-api';
import { isPlainObject, type KubeObject } from '../store/kube-object';

export const SERVICE_ACCOUNT_TOKEN_TYPE = 'kubernetes.io/service-account-token';
export const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
export const SERVICE_ACCOUNT_UID_ANNOTATION = 'kubernetes.io/service-account.uid';

export interface ServiceAccountTokenClaims {
  namespace: string;
  secretName: string;
  serviceAccountName: string;
  serviceAccountUid: string;
}

const CLAIM = {
  namespace: 'kubernetes.io/serviceaccount/namespace',
  secretName: 'kubernetes.io/serviceaccount/secret.name',
  serviceAccountName: 'kubernetes.io/serviceaccount/service-account.name',
  serviceAccountUid: 'kubernetes.io/serviceaccount/service-account.uid',
} as const;

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function issueServiceAccountToken(claims: ServiceAccountTokenClaims): string {
  const header = base64url({ alg: 'RS256', kid: 'kube-sim' });
  const payload = base64url({
    iss: 'kubernetes/serviceaccount',
    [CLAIM.namespace]: claims.namespace,
    [CLAIM.secretName]: claims.secretName,
    [CLAIM.serviceAccountName]: claims.serviceAccountName,
    [CLAIM.serviceAccountUid]: claims.serviceAccountUid,
    sub: `system:serviceaccount:${claims.namespace}:${claims.serviceAccountName}`,
  });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

/** The claims of a token that looks like one kube-sim issued, without checking it. */
export function readServiceAccountToken(token: string): ServiceAccountTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isPlainObject(payload) || payload.iss !== 'kubernetes/serviceaccount') return undefined;
  const claims = {
    namespace: payload[CLAIM.namespace],
    secretName: payload[CLAIM.secretName],
    serviceAccountName: payload[CLAIM.serviceAccountName],
    serviceAccountUid: payload[CLAIM.serviceAccountUid],
  };
  return Object.values(claims).every((value) => typeof value === 'string' && value !== '')
    ? (claims as ServiceAccountTokenClaims)
    : undefined;
}

function sameSecret(held: string, presented: string): boolean {
  const a = Buffer.from(held);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The ServiceAccount a token authenticates as, or undefined when the token is not (or no longer) valid. */
export function serviceAccountOfToken(api: ClusterApi, token: string): KubeObject | undefined {
  const claims = readServiceAccountToken(token);
  if (!claims) return undefined;
  const secretType = api.types.byKind('', 'Secret');
  const accountType = api.types.byKind('', 'ServiceAccount');
  if (!secretType || !accountType) return undefined;
  const secret = api.tryGet(secretType, claims.namespace, claims.secretName);
  if (!secret || secret.type !== SERVICE_ACCOUNT_TOKEN_TYPE || secret.metadata.deletionTimestamp) return undefined;
  if (secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION] !== claims.serviceAccountName) return undefined;
  const held = isPlainObject(secret.data) && typeof secret.data.token === 'string' ? secret.data.token : '';
  if (!sameSecret(Buffer.from(held, 'base64').toString('utf8'), token)) return undefined;
  const account = api.tryGet(accountType, claims.namespace, claims.serviceAccountName);
  if (!account || account.metadata.uid !== claims.serviceAccountUid || account.metadata.deletionTimestamp)
    return undefined;
  return account;
}
