import { hideSecretData } from './secret-mask';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const b64 = (text: string) => Buffer.from(text).toString('base64');

const secret = (data: Record<string, string>, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  data,
});

describe('Secret masking (Argo CD HideSecretData)', () => {
  it('gives equal values one mask and different values longer ones, whatever their length', () => {
    const target = secret({ password: b64('a-very-long-password-indeed'), user: b64('u') });
    const live = secret({ password: b64('old'), user: b64('u'), extra: b64('x') });
    const masked = hideSecretData(target, live);
    expect(masked.target?.data).toEqual({ password: '++++++++', user: '++++++++' });
    expect(masked.live?.data).toEqual({ password: '++++++++++++', user: '++++++++', extra: '++++++++' });
  });

  it('folds stringData into data before masking, so equal values still compare equal', () => {
    const target = { ...secret({}), stringData: { token: 'abc' } };
    const live = secret({ token: b64('abc') });
    const masked = hideSecretData(target, live);
    expect(masked.target).not.toHaveProperty('stringData');
    expect(masked.target?.data).toEqual({ token: '++++++++' });
    expect(masked.live?.data).toEqual({ token: '++++++++' });
  });

  it('replaces the last-applied annotation of live with its masked copy', () => {
    const applied = JSON.stringify(secret({ token: b64('first') }));
    const live = secret({ token: b64('second') }, { [LAST_APPLIED]: applied });
    const masked = hideSecretData(secret({ token: b64('second') }), live);
    const annotation = masked.live?.metadata?.annotations?.[LAST_APPLIED] ?? '';
    expect(annotation).not.toContain(b64('first'));
    expect(JSON.parse(annotation)).toMatchObject({ data: { token: '++++++++++++' } });
    expect(JSON.stringify(masked)).not.toContain(b64('second'));
  });

  it('leaves other kinds alone unless argocd-cm names sensitive annotations', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', annotations: { token: 's3cret' } },
    };
    expect(hideSecretData(configMap, configMap).live).toBe(configMap);
    const masked = hideSecretData(configMap, configMap, ['token']);
    expect(masked.live?.metadata?.annotations).toEqual({ token: '++++++++' });
    expect(configMap.metadata.annotations.token).toBe('s3cret');
  });
});
