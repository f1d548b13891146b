// Runs every data-driven case in testdata/<rule>/<case>/: desired.yaml and live.yaml (multi-
// document), an optional config.yaml ({ignoreDifferences, argocdCm, jqStepLimit,
// destinationNamespace}) and expected.yaml (app status and, per resource, status and the exact
// list of changed paths). Add a case by adding a folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { compareApp, compileDiffConfig, formatResourceKey, renderResourceDiff, type KubeObject } from './index';

const ROOT = join(__dirname, '..', 'testdata');
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'PriorityClass',
]);

interface ExpectedResource {
  key: string;
  status: string | null;
  requiresPruning?: boolean;
  liveMissing?: boolean;
  hook?: boolean;
  changes?: string[];
  warnings?: string[];
  diffContains?: string[];
  diffExcludes?: string[];
}
interface Expected {
  status: string;
  resources: ExpectedResource[];
  duplicates?: string[];
  errors?: string[];
}

function readDocuments(file: string): KubeObject[] {
  if (!existsSync(file)) return [];
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => document.toJSON() as KubeObject | null)
    .filter((document): document is KubeObject => document !== null);
}

const cases = readdirSync(ROOT).flatMap((rule) =>
  readdirSync(join(ROOT, rule)).map((name) => ({ rule, name, dir: join(ROOT, rule, name) })),
);

describe('diff testdata', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('$rule/$name', ({ dir }) => {
    const configFile = join(dir, 'config.yaml');
    const config = (existsSync(configFile) ? parse(readFileSync(configFile, 'utf8')) : {}) as {
      ignoreDifferences?: [];
      argocdCm?: Record<string, string>;
      jqStepLimit?: number;
      destinationNamespace?: string;
    };
    const expected = parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Expected;
    const diffConfig = compileDiffConfig({
      ...(config.ignoreDifferences ? { ignoreDifferences: config.ignoreDifferences } : {}),
      ...(config.argocdCm ? { argocdCm: config.argocdCm } : {}),
      ...(config.jqStepLimit ? { jqStepLimit: config.jqStepLimit } : {}),
    });
    const result = compareApp({
      desired: readDocuments(join(dir, 'desired.yaml')),
      live: readDocuments(join(dir, 'live.yaml')),
      destinationNamespace: config.destinationNamespace ?? 'default',
      isNamespaced: (_group, kind) => !CLUSTER_SCOPED.has(kind),
      config: diffConfig,
    });

    const actualResources = result.resources.map((resource) => {
      const actual: ExpectedResource = { key: formatResourceKey(resource), status: resource.status };
      const wanted = expected.resources.find((item) => item.key === actual.key);
      if (wanted?.requiresPruning !== undefined) actual.requiresPruning = resource.requiresPruning;
      if (wanted?.liveMissing !== undefined) actual.liveMissing = resource.liveMissing;
      if (wanted?.hook !== undefined) actual.hook = resource.hook;
      if (wanted?.changes !== undefined) {
        actual.changes = (resource.diff?.changes ?? []).map((change) => `${change.type} ${change.path}`).sort();
      }
      const diffText = renderResourceDiff(resource);
      for (const text of wanted?.diffContains ?? []) expect(diffText).toContain(text);
      for (const text of wanted?.diffExcludes ?? []) expect(diffText).not.toContain(text);
      for (const text of wanted?.warnings ?? []) {
        expect((resource.diff?.warnings ?? []).some((warning) => warning.includes(text))).toBe(true);
      }
      return actual;
    });
    const comparable = expected.resources.map(({ diffContains: _c, diffExcludes: _e, warnings: _w, ...rest }) => ({
      ...rest,
      ...(rest.changes ? { changes: [...rest.changes].sort() } : {}),
    }));
    expect({ status: result.status, resources: actualResources }).toEqual({
      status: expected.status,
      resources: comparable,
    });
    expect(result.duplicates.map((duplicate) => formatResourceKey(duplicate))).toEqual(expected.duplicates ?? []);
    expect(result.errors.length).toBe(expected.errors?.length ?? 0);
    for (const [index, text] of (expected.errors ?? []).entries()) expect(result.errors[index]).toContain(text);
  });
});
