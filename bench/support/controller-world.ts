// The world of the controller benchmark: N apps of W20 (20 resources each:
// 8 ConfigMaps, 4 Secrets, 4 Services, 4 ServiceAccounts) in 100
// namespaces, as manifests in one git monorepo and as the live objects a sync
// would have created (same content plus Argo CD's tracking annotation), so the
// steady state has no drift.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from './git';

export const CONTROL_NAMESPACE = 'bench-ctl';
export const NAMESPACES = 100;

export interface WorldObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export function appName(index: number): string {
  return `app-${index}`;
}

export function appNamespace(index: number): string {
  return `ns-${index % NAMESPACES}`;
}

/** The 20 manifests of one app, as written in git (no namespace: the destination's applies). */
export function appManifests(index: number): WorldObject[] {
  const app = appName(index);
  const objects: WorldObject[] = [];
  const labels = { 'app.kubernetes.io/name': app, tier: 'backend' };
  for (let k = 0; k < 8; k += 1)
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${app}-cm-${k}`, labels } as never,
      data: { 'app.conf': `name=${app}\nworkers=${k + 2}\nmode=production\n`, LOG_LEVEL: 'info', INDEX: String(k) },
    });
  for (let k = 0; k < 4; k += 1)
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `${app}-secret-${k}`, labels } as never,
      type: 'Opaque',
      data: { password: Buffer.from(`secret-${app}-${k}`).toString('base64') },
    });
  for (let k = 0; k < 4; k += 1)
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${app}-svc-${k}`, labels } as never,
      spec: { selector: { app: `${app}-${k}` }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
  for (let k = 0; k < 4; k += 1)
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `${app}-sa-${k}`, labels } as never });
  return objects;
}

function toYaml(objects: WorldObject[]): string {
  // JSON is YAML: one document per object keeps the repository quick to write.
  return objects.map((object) => JSON.stringify(object)).join('\n---\n');
}

/** The live copy of a manifest: in the app's namespace, with the tracking annotation. */
export function liveObject(index: number, manifest: WorldObject): WorldObject {
  const namespace = appNamespace(index);
  const group = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/')[0] : '';
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      namespace,
      annotations: {
        'argocd.argoproj.io/tracking-id': `${appName(index)}:${group}/${manifest.kind}:${namespace}/${manifest.metadata.name}`,
      },
    },
  };
}

export function application(index: number, repoURL: string): WorldObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: appName(index), namespace: CONTROL_NAMESPACE },
    spec: {
      project: 'default',
      source: { repoURL, path: `apps/${appName(index)}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: appNamespace(index) },
    },
  };
}

/** Writes the monorepo once per size (kept between runs: its commit, hence the manifest cache keys, stay the same). */
export function ensureMonorepo(dir: string, apps: number): string {
  if (existsSync(join(dir, '.git'))) return dir;
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (let index = 0; index < apps; index += 1) {
    const path = join(dir, 'apps', appName(index));
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'manifests.yaml'), toYaml(appManifests(index)));
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', `${apps} apps`);
  return dir;
}
