import { type Application } from '@driftless/schema';
import { appsToRefresh } from './app-matcher';
import { type PushEvent } from './push-event';
import { toWebhookTarget } from './webhook-target';

function app(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', annotations },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc' }, ...spec },
  };
}

const repo = 'https://github.com/acme/gitops.git';
const push: PushEvent = {
  provider: 'github',
  repoUrls: ['https://github.com/Acme/GitOps'],
  revision: 'main',
  refKind: 'branch',
  touchedHead: true,
  changedFiles: ['apps/guestbook/deployment.yaml'],
};

const apps = [
  app('head', { source: { repoURL: repo, path: 'apps/guestbook' } }),
  app('ssh-main', { source: { repoURL: 'git@github.com:acme/gitops', targetRevision: 'main', path: 'x' } }),
  app('other-branch', { source: { repoURL: repo, targetRevision: 'dev' } }),
  app('pinned', { source: { repoURL: repo, targetRevision: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' } }),
  app('other-repo', { source: { repoURL: 'https://github.com/acme/other', targetRevision: 'main' } }),
  app('multi-ref', {
    sources: [
      { repoURL: 'https://charts.example.com', chart: 'redis', targetRevision: '19.*' },
      { repoURL: repo, targetRevision: 'main', ref: 'values' },
    ],
  }),
  app('chart-only', { sources: [{ repoURL: 'https://github.com/acme/gitops', chart: 'x', targetRevision: 'main' }] }),
  app(
    'paths-hit',
    { source: { repoURL: repo, path: 'apps/guestbook' } },
    { 'argocd.argoproj.io/manifest-generate-paths': '.' },
  ),
  app(
    'paths-miss',
    { source: { repoURL: repo, path: 'apps/billing' } },
    { 'argocd.argoproj.io/manifest-generate-paths': '.' },
  ),
  app(
    'paths-root',
    { source: { repoURL: repo, path: 'apps/billing' } },
    { 'argocd.argoproj.io/manifest-generate-paths': '/apps' },
  ),
  app('hydrator', {
    sourceHydrator: {
      drySource: { repoURL: repo, targetRevision: 'main', path: 'dry' },
      syncSource: { targetBranch: 'env', path: 'x' },
    },
  }),
];

describe('appsToRefresh', () => {
  const targets = apps.map(toWebhookTarget);

  it('refreshes the apps whose sources follow the pushed repo and revision, and whose paths changed', () => {
    expect(appsToRefresh(push, targets).map((target) => target.name)).toEqual([
      'head',
      'ssh-main',
      'multi-ref',
      'paths-hit',
      'paths-root',
      'hydrator',
    ]);
  });

  it('refreshes annotated apps too when the push lists no files', () => {
    const names = appsToRefresh({ ...push, changedFiles: undefined }, targets).map((target) => target.name);
    expect(names).toContain('paths-miss');
  });

  it('refreshes nothing for a push whose URL names no repository', () => {
    expect(appsToRefresh({ ...push, repoUrls: ['javascript://%0aalert(1)'] }, targets)).toEqual([]);
  });

  it('follows another branch only when it is pushed', () => {
    const names = appsToRefresh({ ...push, revision: 'dev', touchedHead: false }, targets).map((target) => target.name);
    expect(names).toEqual(['other-branch']);
  });

  it('survives Applications without a spec or source', () => {
    const broken = [
      { metadata: { name: 'x', namespace: 'argocd' } } as Application,
      app('y', { source: { repoURL: 42 } }),
    ];
    expect(appsToRefresh(push, broken.map(toWebhookTarget))).toEqual([]);
  });
});
