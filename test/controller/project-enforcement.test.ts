// AppProject rules end to end: an app its project does not permit (source
// repository, destination, `!` denials, cluster-scoped and blacklisted kinds)
// gets conditions instead of a comparison against what it may not touch; a
// project change is picked up at once; a project that watches orphaned
// resources warns about untracked objects in the destination namespace.
import { dirname } from 'node:path';
import { type KubernetesObject } from '@kubernetes/client-node';
import { type Application } from '@driftless/schema';
import {
  appStatus,
  applyLive,
  createApp,
  deleteLive,
  ensureNamespaces,
  refreshNow,
  trackedBy,
  useControllerFixture,
  type ControllerFixture,
} from './support';
import { settingsYaml } from './manifests';

const IN_CLUSTER = 'https://kubernetes.default.svc';

const clusterRoleYaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: settings-reader
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list]
`;

const settings = (namespace: string): KubernetesObject =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace },
    data: { mode: 'blue' },
  }) as KubernetesObject;

const clusterRole = (): KubernetesObject =>
  ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'settings-reader' },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
  }) as KubernetesObject;

/** Each app gets its own destination namespace holding what a sync of it would have created. */
const apps = {
  repoDenied: 'repo-denied',
  destinationDenied: 'destination-denied',
  negated: 'negated',
  negatedElsewhere: 'negated-elsewhere',
  clusterKinds: 'cluster-kinds',
  blacklisted: 'blacklisted',
  orphans: 'orphans',
};

async function applyProject(fixture: ControllerFixture, name: string, spec: Record<string, unknown>): Promise<void> {
  await applyLive(fixture.kubeConfig, [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name, namespace: fixture.namespace },
      spec,
    } as KubernetesObject,
  ]);
}

const everywhere = [{ server: '*', namespace: '*' }];

function condition(type: string, message: string): unknown {
  return expect.arrayContaining([expect.objectContaining({ type, message })]);
}

function resource(app: Application, kind: string) {
  return app.status?.resources?.find((candidate) => candidate.kind === kind);
}

describe('application controller: AppProject enforcement', () => {
  const fixture = useControllerFixture({
    files: {
      'simple/config.yaml': settingsYaml(),
      'with-cluster-role/config.yaml': settingsYaml(),
      'with-cluster-role/role.yaml': clusterRoleYaml,
    },
    prepare: async (f) => {
      const namespaces = Object.values(apps);
      await ensureNamespaces(f.kubeConfig, ...namespaces);
      await applyLive(
        f.kubeConfig,
        namespaces.map((app) => trackedBy(app, settings(app))),
      );
      // A sync of cluster-kinds would have created the ClusterRole too (the project forbids it: not compared).
      await applyLive(f.kubeConfig, [trackedBy(apps.clusterKinds, clusterRole(), apps.clusterKinds)]);
    },
  });
  const source = (path = 'simple') => ({ repoURL: fixture.repoURL, path, targetRevision: 'main' });
  const destination = (namespace: string) => ({ server: IN_CLUSTER, namespace });

  it('reports a source repository the project does not permit, and clears it when the project allows it', async () => {
    await applyProject(fixture, 'other-repos', {
      sourceRepos: ['https://github.com/example/*'],
      destinations: everywhere,
    });
    await createApp(fixture, apps.repoDenied, {
      project: 'other-repos',
      source: source(),
      destination: destination(apps.repoDenied),
    });
    const denied = await appStatus(fixture, apps.repoDenied, (app) =>
      expect(app.status?.conditions).toEqual(
        condition('InvalidSpecError', `application repo ${fixture.repoURL} is not permitted in project 'other-repos'`),
      ),
    );
    expect(denied.status?.sync?.status).toBe('Unknown');

    await applyProject(fixture, 'other-repos', {
      sourceRepos: ['https://github.com/example/*', fixture.repoURL],
      destinations: everywhere,
    });
    const allowed = await appStatus(fixture, apps.repoDenied, (app) => {
      expect(app.status?.sync?.status).toBe('Synced');
      expect(app.status?.conditions ?? []).toEqual([]);
    });
    expect(resource(allowed, 'ConfigMap')).toMatchObject({ name: 'settings', status: 'Synced' });
  });

  it('reports a destination the project does not permit', async () => {
    await applyProject(fixture, 'elsewhere', {
      sourceRepos: ['*'],
      destinations: [{ server: IN_CLUSTER, namespace: 'allowed-only' }],
    });
    await createApp(fixture, apps.destinationDenied, {
      project: 'elsewhere',
      source: source(),
      destination: destination(apps.destinationDenied),
    });
    const app = await appStatus(fixture, apps.destinationDenied, (current) =>
      expect(current.status?.conditions).toEqual(
        condition(
          'InvalidSpecError',
          `application destination server '${IN_CLUSTER}' and namespace '${apps.destinationDenied}' do not match any of the allowed destinations in project 'elsewhere'`,
        ),
      ),
    );
    expect(app.status?.sync?.status).toBe('Unknown');
  });

  it('denies a repository matched by a `!` entry of sourceRepos, whatever the other entries allow', async () => {
    // Glob with / as separator: `*` stands for one path segment, here the repository's directory name.
    await applyProject(fixture, 'deny-this', {
      sourceRepos: ['*', `!file://${dirname(fixture.repo.dir)}/*`],
      destinations: everywhere,
    });
    await applyProject(fixture, 'deny-other', {
      sourceRepos: ['*', '!https://github.com/elsewhere/*'],
      destinations: everywhere,
    });
    await createApp(fixture, apps.negated, {
      project: 'deny-this',
      source: source(),
      destination: destination(apps.negated),
    });
    await createApp(fixture, apps.negatedElsewhere, {
      project: 'deny-other',
      source: source(),
      destination: destination(apps.negatedElsewhere),
    });
    await appStatus(fixture, apps.negated, (app) => {
      expect(app.status?.sync?.status).toBe('Unknown');
      expect(app.status?.conditions).toEqual(
        condition('InvalidSpecError', `application repo ${fixture.repoURL} is not permitted in project 'deny-this'`),
      );
    });
    await appStatus(fixture, apps.negatedElsewhere, (app) => {
      expect(app.status?.sync?.status).toBe('Synced');
      expect(app.status?.conditions ?? []).toEqual([]);
    });
  });

  it('reports a cluster-scoped kind the project does not whitelist and leaves the live one out of the comparison', async () => {
    await applyProject(fixture, 'namespaced-only', { sourceRepos: ['*'], destinations: everywhere });
    await createApp(fixture, apps.clusterKinds, {
      project: 'namespaced-only',
      source: source('with-cluster-role'),
      destination: destination(apps.clusterKinds),
    });
    const app = await appStatus(fixture, apps.clusterKinds, (current) =>
      expect(current.status?.conditions).toEqual(
        condition(
          'InvalidSpecError',
          'resource rbac.authorization.k8s.io:ClusterRole is not permitted in project namespaced-only',
        ),
      ),
    );
    // The live ClusterRole exists but the project may not manage it: as in Argo CD, it is compared as missing.
    expect(resource(app, 'ClusterRole')).toMatchObject({
      group: 'rbac.authorization.k8s.io',
      name: 'settings-reader',
      status: 'OutOfSync',
      health: { status: 'Missing' },
    });
    expect(resource(app, 'ConfigMap')).toMatchObject({ name: 'settings', status: 'Synced' });
  });

  it('reports a namespaced kind on the project blacklist', async () => {
    await applyProject(fixture, 'no-config-maps', {
      sourceRepos: ['*'],
      destinations: everywhere,
      namespaceResourceBlacklist: [{ group: '', kind: 'ConfigMap' }],
    });
    await createApp(fixture, apps.blacklisted, {
      project: 'no-config-maps',
      source: source(),
      destination: destination(apps.blacklisted),
    });
    const app = await appStatus(fixture, apps.blacklisted, (current) =>
      expect(current.status?.conditions).toEqual(
        condition('InvalidSpecError', 'resource :ConfigMap is not permitted in project no-config-maps'),
      ),
    );
    expect(resource(app, 'ConfigMap')).toMatchObject({ status: 'OutOfSync', health: { status: 'Missing' } });
  });

  it('warns about orphaned resources when the project asks for it, and counts them as they come and go', async () => {
    await applyProject(fixture, 'watchful', {
      sourceRepos: ['*'],
      destinations: everywhere,
      orphanedResources: { warn: true },
    });
    const stray = (name: string) =>
      ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: apps.orphans },
        data: { left: 'behind' },
      }) as KubernetesObject;
    await applyLive(fixture.kubeConfig, [stray('stray-1')]);
    await createApp(fixture, apps.orphans, {
      project: 'watchful',
      source: source(),
      destination: destination(apps.orphans),
    });
    await appStatus(fixture, apps.orphans, (app) => {
      expect(app.status?.conditions).toEqual([
        expect.objectContaining({ type: 'OrphanedResourceWarning', message: 'Application has 1 orphaned resources' }),
      ]);
      // A warning: the comparison itself is unaffected.
      expect(app.status?.sync?.status).toBe('Synced');
    });

    await applyLive(fixture.kubeConfig, [stray('stray-2')]);
    await appStatus(fixture, apps.orphans, (app) =>
      expect(app.status?.conditions).toEqual(
        condition('OrphanedResourceWarning', 'Application has 2 orphaned resources'),
      ),
    );

    await deleteLive(fixture.kubeConfig, stray('stray-1'));
    await deleteLive(fixture.kubeConfig, stray('stray-2'));
    await appStatus(fixture, apps.orphans, (app) => expect(app.status?.conditions ?? []).toEqual([]));
  });

  it('does not warn about orphaned resources for a project that does not ask for it', async () => {
    // repo-denied (project other-repos, no orphanedResources) gets an untracked neighbour.
    const neighbour = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'neighbour', namespace: apps.repoDenied },
      data: {},
    } as KubernetesObject;
    await applyLive(fixture.kubeConfig, [neighbour]);
    const app = await refreshNow(fixture, apps.repoDenied);
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.conditions ?? []).toEqual([]);
  });
});
