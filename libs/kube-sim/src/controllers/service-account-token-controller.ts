// The token controller of kube-controller-manager: a Secret of type
// kubernetes.io/service-account-token whose annotation names an existing
// ServiceAccount gets `token`, `namespace` and (with TLS) `ca.crt`, plus the
// account's uid annotation. A token Secret waits, unfilled, until its
// ServiceAccount exists; once issued, it is deleted when its account goes (or
// is recreated with another uid), which revokes the token.
import {
  issueServiceAccountToken,
  SERVICE_ACCOUNT_NAME_ANNOTATION,
  SERVICE_ACCOUNT_TOKEN_TYPE,
  SERVICE_ACCOUNT_UID_ANNOTATION,
} from '../auth/service-account-tokens';
import { storageKey } from '../registry/resource-type';
import { isPlainObject, type KubeObject } from '../store/kube-object';
import type { Controller, ControllerContext, ObjectKey } from './controller-manager';
import { CONTROLLER_MANAGER, typeOf } from './helpers';

const SECRETS = storageKey({ group: '', plural: 'secrets' });
const SERVICE_ACCOUNTS = storageKey({ group: '', plural: 'serviceaccounts' });

const isTokenSecret = (object: KubeObject): boolean => object.type === SERVICE_ACCOUNT_TOKEN_TYPE;
const accountNameOf = (secret: KubeObject): string | undefined =>
  secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION];
const encode = (value: string): string => Buffer.from(value, 'utf8').toString('base64');

function tokenSecretsOf(context: ControllerContext, namespace: string | undefined, account: string): ObjectKey[] {
  return context.api.store
    .list(SECRETS, namespace)
    .filter((secret) => isTokenSecret(secret) && accountNameOf(secret) === account)
    .map((secret) => ({ key: SECRETS, namespace, name: secret.metadata.name ?? '' }));
}

/** `caCertPem`: the cluster CA written to `ca.crt` (absent without TLS, as without a root CA file). */
export function serviceAccountTokenController(caCertPem: string | undefined): Controller {
  return {
    name: 'serviceaccount-token',
    watches: [SECRETS, SERVICE_ACCOUNTS],
    targets(event, context) {
      if (event.key === SERVICE_ACCOUNTS)
        return tokenSecretsOf(context, event.object.metadata.namespace, event.object.metadata.name ?? '');
      if (event.type === 'DELETED' || !isTokenSecret(event.object)) return [];
      return [{ key: SECRETS, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
    },
    reconcile(target, context) {
      const { api } = context;
      const secret = api.store.get(SECRETS, target.namespace, target.name);
      const accountName = secret ? accountNameOf(secret) : undefined;
      if (!secret || !isTokenSecret(secret) || secret.metadata.deletionTimestamp || !accountName) return;
      const secretType = typeOf(api, '', 'Secret');
      const account = api.store.get(SERVICE_ACCOUNTS, target.namespace, accountName);
      const issuedFor = secret.metadata.annotations?.[SERVICE_ACCOUNT_UID_ANNOTATION];
      if (!account || account.metadata.deletionTimestamp || (issuedFor && issuedFor !== account.metadata.uid)) {
        // Issued for an account that is gone: revoke by deleting, as kube-controller-manager does.
        if (issuedFor) api.delete(secretType, target.namespace, target.name, { propagationPolicy: 'Background' });
        return;
      }
      const data = isPlainObject(secret.data) ? { ...(secret.data as Record<string, string>) } : {};
      const filled = Boolean(data.token) && Boolean(data.namespace) && (caCertPem === undefined || data['ca.crt']);
      if (filled && issuedFor) return;
      const namespace = target.namespace ?? 'default';
      if (!data.token)
        data.token = encode(
          issueServiceAccountToken({
            namespace,
            secretName: target.name,
            serviceAccountName: accountName,
            serviceAccountUid: account.metadata.uid ?? '',
          }),
        );
      data.namespace = encode(namespace);
      if (caCertPem !== undefined) data['ca.crt'] = encode(caCertPem);
      api.update(
        secretType,
        target.namespace,
        target.name,
        {
          ...secret,
          metadata: {
            ...secret.metadata,
            annotations: {
              ...secret.metadata.annotations,
              [SERVICE_ACCOUNT_UID_ANNOTATION]: account.metadata.uid ?? '',
            },
          },
          data,
        },
        { fieldManager: CONTROLLER_MANAGER },
      );
    },
  };
}
