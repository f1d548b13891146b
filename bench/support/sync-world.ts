// The world of the sync benchmark (scenarios S1 and S6 of the performance
// brief): N apps spread over C destination clusters, as manifests in one git
// monorepo. Nothing is live at the start: the first sync creates it.
// - W1: one ConfigMap of about 2 KB per app (the AWS/CNOE shape);
// - W-hook: W1 plus a PreSync Job that runs 10 s in kube-sim (CNOE C3).
// A bulk change rewrites every app's ConfigMap in one commit.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './git';

export const SYNC_NAMESPACE = 'bench-sync';
/** Destination namespaces per cluster (created with the cluster). */
export const SYNC_NAMESPACES = 10;

export type Shape = 'W1' | 'W-hook';

export interface SyncWorld {
  apps: number;
  /** Destination clusters (kube-sim clusters 2…C+1; the first is the control plane). */
  clusters: number;
  shape: Shape;
  /** Apps carry `syncPolicy.automated: {}` (Argo CD's defaults: no prune, no selfHeal). */
  automated: boolean;
}

export function syncAppName(index: number): string {
  return `app-${index}`;
}

/** The destination cluster of an app: 0 … clusters-1. */
export function clusterOf(world: SyncWorld, index: number): number {
  return index % world.clusters;
}

export function syncAppNamespace(world: SyncWorld, index: number): string {
  return `ns-${Math.floor(index / world.clusters) % SYNC_NAMESPACES}`;
}

/** 2 KB of data: what changes with the bulk commit is `generation`. */
function configMap(index: number, generation: number): object {
  const name = syncAppName(index);
  const filler = `# ${name}\n` + 'key=value-0123456789abcdef\n'.repeat(75);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${name}-config`, labels: { 'app.kubernetes.io/name': name } },
    data: { 'app.properties': filler.slice(0, 2000), generation: String(generation) },
  };
}

function presyncJob(index: number): object {
  const name = syncAppName(index);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${name}-presync`,
      annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'sim.driftless.dev/run-seconds': '10' },
    },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 10'] }],
        },
      },
    },
  };
}

function manifests(world: SyncWorld, index: number, generation: number): string {
  const objects = [configMap(index, generation), ...(world.shape === 'W-hook' ? [presyncJob(index)] : [])];
  // JSON is YAML: one document per object.
  return objects.map((object) => JSON.stringify(object)).join('\n---\n');
}

/** A fresh monorepo (each run gets new commits, so nothing is rendered before the run asks). Returns its HEAD. */
export function writeMonorepo(dir: string, world: SyncWorld): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (let index = 0; index < world.apps; index += 1) {
    const path = join(dir, 'apps', syncAppName(index));
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'manifests.yaml'), manifests(world, index, 1));
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', `${world.apps} apps`);
  return git(dir, 'rev-parse', 'HEAD');
}

/** One commit that changes every app's ConfigMap. Returns the new HEAD. */
export function commitBulkChange(dir: string, world: SyncWorld, generation: number): string {
  for (let index = 0; index < world.apps; index += 1)
    writeFileSync(join(dir, 'apps', syncAppName(index), 'manifests.yaml'), manifests(world, index, generation));
  git(dir, 'commit', '-qam', `generation ${generation} of every app`);
  return git(dir, 'rev-parse', 'HEAD');
}

export function syncApplication(world: SyncWorld, index: number, repoURL: string, server: string): object {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: syncAppName(index), namespace: SYNC_NAMESPACE },
    spec: {
      project: 'default',
      source: { repoURL, path: `apps/${syncAppName(index)}`, targetRevision: 'main' },
      destination: { server, namespace: syncAppNamespace(world, index) },
      ...(world.automated ? { syncPolicy: { automated: {} } } : {}),
    },
  };
}

/** An Argo CD cluster Secret for a kube-sim cluster. */
export function clusterSecret(name: string, server: string, token: string, caPem: string | undefined): object {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const config = { bearerToken: token, tlsClientConfig: caPem ? { caData: base64(caPem) } : { insecure: true } };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${name}`,
      namespace: SYNC_NAMESPACE,
      labels: { 'argocd.argoproj.io/secret-type': 'cluster' },
    },
    type: 'Opaque',
    data: { name: base64(name), server: base64(server), config: base64(JSON.stringify(config)) },
  };
}
