/**
 * Typed literals of each resource: tsc checks them against the types, the validator against the
 * CRDs, so the two cannot drift apart on these fields.
 */
import { validateResource } from '../validation/validate-resource';
import type { Application, ApplicationSet, AppProject } from './index';

const application: Application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
  spec: {
    project: 'default',
    sources: [
      {
        repoURL: 'https://charts.example.com',
        chart: 'guestbook',
        targetRevision: '1.2.3',
        helm: {
          valueFiles: ['$values/guestbook.yaml'],
          valuesObject: { replicas: 2 },
          parameters: [{ name: 'a', value: 'b' }],
        },
      },
      { repoURL: 'https://github.com/my-org/values.git', targetRevision: 'main', ref: 'values' },
      {
        repoURL: 'https://github.com/my-org/overlays.git',
        path: 'overlays/prod',
        kustomize: { images: ['web=web:v2'], replicas: [{ name: 'web', count: '3' }], commonLabels: { team: 'a' } },
      },
      {
        repoURL: 'https://github.com/my-org/jsonnet.git',
        path: 'jsonnet',
        directory: { recurse: true, jsonnet: { extVars: [{ name: 'env', value: 'prod', code: false }] } },
      },
      {
        repoURL: 'https://github.com/my-org/cdk8s.git',
        path: '.',
        plugin: { name: 'cdk8s', env: [{ name: 'A', value: 'b' }] },
      },
    ],
    destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=true'],
      retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
      managedNamespaceMetadata: { labels: { team: 'a' } },
    },
    ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    info: [{ name: 'owner', value: 'team-a' }],
    revisionHistoryLimit: 5,
  },
  operation: {
    sync: { revision: 'HEAD', syncStrategy: { hook: { force: false } } },
    initiatedBy: { username: 'admin' },
  },
  status: {
    sync: { status: 'Synced', revision: 'abc', comparedTo: { destination: { name: 'in-cluster' } } },
    health: { status: 'Healthy' },
    operationState: {
      operation: { sync: { revision: 'abc' } },
      phase: 'Succeeded',
      startedAt: '2024-05-01T10:00:00Z',
      syncResult: {
        revision: 'abc',
        resources: [
          { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'guestbook', name: 'web', status: 'Synced' },
        ],
      },
    },
    history: [{ id: 0, revision: 'abc', deployedAt: '2024-05-01T10:00:20Z' }],
    conditions: [{ type: 'SyncError', message: 'boom' }],
    sourceTypes: ['Helm', 'Kustomize'],
    summary: { images: ['web:v2'] },
  },
};

const project: AppProject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'team' },
  spec: {
    sourceRepos: ['*'],
    destinations: [{ server: '*', namespace: 'team-*' }],
    clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    roles: [{ name: 'ci', policies: ['p, proj:team:ci, applications, sync, team/*, allow'], jwtTokens: [{ iat: 1 }] }],
    syncWindows: [{ kind: 'deny', schedule: '0 22 * * *', duration: '8h', manualSync: true }],
    orphanedResources: { warn: true },
    destinationServiceAccounts: [{ server: '*', defaultServiceAccount: 'deployer' }],
  },
  status: { jwtTokensByRole: { ci: { items: [{ iat: 1 }] } } },
};

const applicationSet: ApplicationSet = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'set' },
  spec: {
    goTemplate: true,
    generators: [
      { list: { elements: [{ cluster: 'a', url: 'https://a' }] } },
      {
        matrix: {
          generators: [
            { git: { repoURL: 'https://g', revision: 'HEAD', directories: [{ path: 'apps/*' }] } },
            { clusters: {} },
          ],
        },
      },
    ],
    template: {
      metadata: { name: '{{.cluster}}' },
      spec: { project: 'default', source: { repoURL: 'https://g', path: 'x' }, destination: { server: '{{.url}}' } },
    },
    syncPolicy: { applicationsSync: 'create-update' },
    strategy: {
      type: 'RollingSync',
      rollingSync: { steps: [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['a'] }], maxUpdate: '50%' }] },
    },
  },
  status: {
    conditions: [{ type: 'ResourcesUpToDate', status: 'True', reason: 'ApplicationSetUpToDate', message: 'ok' }],
    applicationStatus: [{ application: 'a', message: 'ok', status: 'Healthy', step: '1', targetRevisions: ['abc'] }],
  },
};

describe('types and CRDs agree', () => {
  it.each([
    ['Application', application],
    ['AppProject', project],
    ['ApplicationSet', applicationSet],
  ])('a typed %s validates against its CRD', (_kind, resource) => {
    expect(validateResource(resource)).toEqual([]);
  });
});
