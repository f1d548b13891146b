import { ClusterApi } from '../api/cluster-api';
import { ObjectStore } from '../store/object-store';
import {
  issueServiceAccountToken,
  readServiceAccountToken,
  SERVICE_ACCOUNT_NAME_ANNOTATION,
  SERVICE_ACCOUNT_TOKEN_TYPE,
  serviceAccountOfToken,
} from './service-account-tokens';

const claims = {
  namespace: 'kube-system',
  secretName: 'bot-token',
  serviceAccountName: 'bot',
  serviceAccountUid: 'u-1',
};

describe('service-account tokens', () => {
  it('carries the legacy claims in a JWT and reads them back', () => {
    const token = issueServiceAccountToken(claims);
    expect(token.split('.')).toHaveLength(3);
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      string
    >;
    expect(payload).toMatchObject({
      iss: 'kubernetes/serviceaccount',
      sub: 'system:serviceaccount:kube-system:bot',
      'kubernetes.io/serviceaccount/secret.name': 'bot-token',
    });
    expect(readServiceAccountToken(token)).toEqual(claims);
    expect(issueServiceAccountToken(claims)).not.toBe(token);
  });

  it('reads nothing from other strings', () => {
    for (const other of ['', 'abc', 'a.b.c', `x.${Buffer.from('{"iss":"someone"}').toString('base64url')}.y`])
      expect(readServiceAccountToken(other)).toBeUndefined();
  });

  describe('serviceAccountOfToken', () => {
    const api = new ClusterApi(new ObjectStore());
    const secretType = api.types.byKind('', 'Secret')!;
    const accountType = api.types.byKind('', 'ServiceAccount')!;
    api.create(api.types.byKind('', 'Namespace')!, undefined, { metadata: { name: 'kube-system' } });
    const account = api.create(accountType, 'kube-system', { metadata: { name: 'bot' } });
    const token = issueServiceAccountToken({ ...claims, serviceAccountUid: account.metadata.uid ?? '' });
    const tokenSecret = (value: string) => ({
      metadata: { name: 'bot-token', annotations: { [SERVICE_ACCOUNT_NAME_ANNOTATION]: 'bot' } },
      type: SERVICE_ACCOUNT_TOKEN_TYPE,
      data: { token: Buffer.from(value).toString('base64') },
    });

    it('accepts a token its Secret holds, for an existing account', () => {
      api.create(secretType, 'kube-system', tokenSecret(token));
      expect(serviceAccountOfToken(api, token)?.metadata.name).toBe('bot');
    });

    it('refuses a token its Secret does not hold, and any token once the Secret is gone', () => {
      const forged = issueServiceAccountToken({ ...claims, serviceAccountUid: account.metadata.uid ?? '' });
      expect(serviceAccountOfToken(api, forged)).toBeUndefined();
      api.delete(secretType, 'kube-system', 'bot-token');
      expect(serviceAccountOfToken(api, token)).toBeUndefined();
    });

    it('refuses a token of an account that was recreated (another uid)', () => {
      api.create(secretType, 'kube-system', tokenSecret(token));
      api.delete(accountType, 'kube-system', 'bot');
      expect(serviceAccountOfToken(api, token)).toBeUndefined();
      api.create(accountType, 'kube-system', { metadata: { name: 'bot' } });
      expect(serviceAccountOfToken(api, token)).toBeUndefined();
    });
  });
});
