import { compareApp, compileDiffConfig } from '@driftless/diff';
import { type LiveObject } from '../live-state/cached-object';
import { managedResources } from './managed-resources';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('managed resources', () => {
  it('lists each compared resource with its states as JSON, Secret values masked everywhere', () => {
    const desired: LiveObject[] = [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: b64('new-password') } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { level: 'info' } },
    ];
    const liveSecret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'shop', resourceVersion: '42' },
      data: { password: b64('old-password') },
    };
    const comparison = compareApp({
      desired: desired as never,
      live: [liveSecret] as never,
      destinationNamespace: 'shop',
      isNamespaced: () => true,
      config: compileDiffConfig({ ignoreDifferences: [], argocdCm: {} }),
    });
    const resources = managedResources({
      comparison,
      desired,
      live: new Map([['/Secret/shop/db', liveSecret]]),
      destinationNamespace: 'shop',
      isNamespaced: () => true,
      maskedAnnotations: [],
    });
    const text = JSON.stringify(resources);
    expect(text).not.toContain(b64('new-password'));
    expect(text).not.toContain(b64('old-password'));
    const secret = resources.find((resource) => resource.kind === 'Secret');
    expect(secret).toMatchObject({ namespace: 'shop', name: 'db', modified: true, hook: false, resourceVersion: '42' });
    expect(JSON.parse(secret!.targetState)).toMatchObject({
      metadata: { namespace: 'shop' },
      data: { password: '++++++++' },
    });
    expect(JSON.parse(secret!.liveState)).toMatchObject({ data: { password: '++++++++++++' } });
    const configMap = resources.find((resource) => resource.kind === 'ConfigMap');
    expect(configMap).toMatchObject({ liveState: 'null', modified: true, resourceVersion: '' });
    expect(JSON.parse(configMap!.predictedLiveState)).toMatchObject({ data: { level: 'info' } });
  });
});
