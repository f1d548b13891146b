import { CliError } from '../../exit-codes';
import { serverAppRef } from './server-app-ref';
import { syncVariables } from './app-sync.command';
import { parseResourceSelector } from './resource-selector';

describe('serverAppRef', () => {
  it('sends a namespace only when the user gave one, so the server applies its default', () => {
    expect(serverAppRef('web', undefined)).toEqual({ name: 'web', display: 'web' });
    expect(serverAppRef('web', 'apps')).toEqual({ name: 'web', namespace: 'apps', display: 'apps/web' });
    expect(serverAppRef('team/web', 'apps')).toEqual({ name: 'web', namespace: 'team', display: 'team/web' });
    expect(() => serverAppRef('a/b/c', undefined)).toThrow(CliError);
  });
});

describe('syncVariables', () => {
  const defaults = {
    namespace: 'argocd',
    retryLimit: 0,
    retryBackoffDuration: '5s',
    retryBackoffMaxDuration: '3m',
    retryBackoffFactor: 2,
    timeout: 0,
    output: 'table' as const,
  };

  it('sends only what the flags say', () => {
    expect(syncVariables(defaults)).toEqual({ prune: false, dryRun: false });
  });

  it("maps Argo CD's flags onto syncApplication's arguments", () => {
    expect(
      syncVariables({
        ...defaults,
        revision: 'v2',
        prune: true,
        force: true,
        resource: [parseResourceSelector('!apps:Deployment:web/front')],
        syncOption: ['CreateNamespace=true'],
        serverSide: true,
        applyOutOfSyncOnly: true,
        retryLimit: 2,
        info: [['ticket', 'OPS-1']],
      }),
    ).toEqual({
      revision: 'v2',
      prune: true,
      dryRun: false,
      strategy: { type: 'hook', force: true },
      resources: [{ group: 'apps', kind: 'Deployment', name: 'front', namespace: 'web', exclude: true }],
      syncOptions: ['CreateNamespace=true', 'ServerSideApply=true', 'ApplyOutOfSyncOnly=true'],
      retry: { limit: 2, backoff: { duration: '5s', maxDuration: '3m', factor: 2 } },
      infos: [{ name: 'ticket', value: 'OPS-1' }],
    });
  });
});
