import { syncParameters, type SyncArguments } from './sync-parameters';

const none: SyncArguments = {
  revision: null,
  resources: null,
  prune: false,
  dryRun: false,
  strategy: null,
  syncOptions: null,
  retry: null,
  infos: null,
};

describe('syncParameters', () => {
  it('maps the arguments onto the sync request, defaults included', () => {
    expect(
      syncParameters({
        ...none,
        revision: ' v2 ',
        resources: [{ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'prod', exclude: false }],
        prune: true,
        strategy: { type: 'apply', force: true },
        syncOptions: ['CreateNamespace=true'],
        retry: { limit: 3, backoff: { duration: '10s', maxDuration: '1m', factor: 3 } },
        infos: [{ name: 'ticket', value: 'OPS-1' }],
      }),
    ).toEqual({
      revision: 'v2',
      prune: true,
      dryRun: false,
      force: true,
      strategy: 'apply',
      resources: [{ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'prod', exclude: false }],
      syncOptions: ['CreateNamespace=true'],
      applyOutOfSyncOnly: false,
      replace: false,
      serverSide: false,
      retryLimit: 3,
      retryBackoffDuration: '10s',
      retryBackoffMaxDuration: '1m',
      retryBackoffFactor: 3,
      info: [['ticket', 'OPS-1']],
    });
    expect(syncParameters(none)).toMatchObject({ retryLimit: 0, resources: [], syncOptions: [], info: [] });
  });

  it.each<[string, Partial<SyncArguments>, RegExp]>([
    ['an unknown sync option', { syncOptions: ['CreateNamespaces=true'] }, /not Key=Value with a known key/],
    ['a sync option without a value', { syncOptions: ['Prune'] }, /not Key=Value/],
    ['an empty revision', { revision: ' ' }, /revision is empty/],
    ['a retry limit of 0', { retry: { limit: 0 } }, /retry.limit must be a non-zero/],
    [
      'a bad backoff duration',
      { retry: { limit: 1, backoff: { duration: 'soon', maxDuration: '1m', factor: 2 } } },
      /"soon" is not a duration/,
    ],
    [
      'a backoff factor below 1',
      { retry: { limit: 1, backoff: { duration: '5s', maxDuration: '1m', factor: 0.5 } } },
      /factor must be at least 1/,
    ],
    [
      'a selector without a kind',
      { resources: [{ group: '', kind: '', name: 'web', exclude: false }] },
      /needs a kind and a name/,
    ],
    ['an info without a name', { infos: [{ name: ' ', value: 'x' }] }, /needs a name/],
  ])('refuses %s', (_case, args, message) => {
    expect(() => syncParameters({ ...none, ...args })).toThrow(message);
  });
});
