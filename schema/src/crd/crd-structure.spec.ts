/**
 * The shipped CRDs (schema/crds/*.yaml) must be what crd-definitions.ts builds, and must be
 * structural schemas a Kubernetes API server accepts (apiextensions.k8s.io/v1 rules).
 */
import { readdirSync } from 'node:fs';
import { crdDirectory, crdManifests } from '../crd-files';
import { type CustomResourceDefinition, crdDefinitions } from './crd-definitions';
import type { OpenApiSchema } from './openapi';

const manifests = crdManifests() as CustomResourceDefinition[];

/** Keywords a structural schema may use (no $ref, allOf/anyOf with types, patterns we never need). */
const ALLOWED_KEYWORDS = new Set([
  'type',
  'description',
  'format',
  'enum',
  'properties',
  'additionalProperties',
  'items',
  'required',
  'nullable',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
]);

/** Every way a schema node breaks the structural-schema rules, as `<path>: <problem>`. */
function structuralProblems(node: OpenApiSchema, path: string): string[] {
  const problems: string[] = [];
  for (const keyword of Object.keys(node)) {
    if (!ALLOWED_KEYWORDS.has(keyword)) problems.push(`${path}: unsupported keyword ${keyword}`);
  }
  const typeless = node['x-kubernetes-preserve-unknown-fields'] === true || node['x-kubernetes-int-or-string'] === true;
  if (node.type === undefined && !typeless) problems.push(`${path}: no type`);
  if (node.properties !== undefined && node.additionalProperties !== undefined) {
    problems.push(`${path}: properties and additionalProperties together`);
  }
  if (node.type === 'array' && node.items === undefined) problems.push(`${path}: array without items`);
  if ((node.properties !== undefined || node.additionalProperties !== undefined) && node.type !== 'object') {
    problems.push(`${path}: properties on a non-object`);
  }
  for (const name of node.required ?? []) {
    if (node.properties?.[name] === undefined) problems.push(`${path}: required '${name}' is not a property`);
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    problems.push(...structuralProblems(child, `${path}.${name}`));
  }
  if (node.additionalProperties !== undefined)
    problems.push(...structuralProblems(node.additionalProperties, `${path}.*`));
  if (node.items !== undefined) problems.push(...structuralProblems(node.items, `${path}[]`));
  return problems;
}

function schemaAt(root: OpenApiSchema, jsonPath: string): OpenApiSchema | undefined {
  let node: OpenApiSchema | undefined = root;
  for (const name of jsonPath.split('.').slice(1)) node = node?.properties?.[name];
  return node;
}

describe('CRD manifests', () => {
  it('ship one file per definition, identical to what crd-definitions.ts builds (run npm run generate:crds -w schema)', () => {
    const files = readdirSync(crdDirectory)
      .filter((name) => name.endsWith('.yaml'))
      .sort();
    expect(files).toEqual(Object.keys(crdDefinitions).sort());
    expect(manifests).toEqual(files.map((name): unknown => JSON.parse(JSON.stringify(crdDefinitions[name]!()))));
  });

  it("name the three Argo CD kinds with Argo CD short names, and Driftless's Plugin", () => {
    const names = manifests.map((crd) => [crd.metadata.name, crd.spec.names.kind, crd.spec.names.shortNames]);
    expect(names).toEqual([
      ['applications.argoproj.io', 'Application', ['app', 'apps']],
      ['applicationsets.argoproj.io', 'ApplicationSet', ['appset', 'appsets']],
      ['appprojects.argoproj.io', 'AppProject', ['appproj', 'appprojs']],
      ['plugins.driftless.io', 'Plugin', ['dlp']],
    ]);
  });

  describe.each(manifests.map((crd) => [crd.spec.names.kind, crd] as const))('%s', (_kind, crd) => {
    const [version] = crd.spec.versions;
    const root = version!.schema.openAPIV3Schema;

    it('is an apiextensions.k8s.io/v1 CRD for argoproj.io or driftless.io v1alpha1, served and stored', () => {
      expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
      expect(crd.kind).toBe('CustomResourceDefinition');
      expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.${crd.spec.group}`);
      expect(crd.spec.group).toBe(crd.spec.names.kind === 'Plugin' ? 'driftless.io' : 'argoproj.io');
      expect(crd.spec.scope).toBe('Namespaced');
      expect(crd.spec.versions).toHaveLength(1);
      expect(version).toMatchObject({ name: 'v1alpha1', served: true, storage: true });
    });

    it('has a structural schema: every node typed, no $ref, no properties with additionalProperties', () => {
      expect(structuralProblems(root, '')).toEqual([]);
    });

    it('leaves metadata to the API server and requires metadata and spec', () => {
      expect(root.properties?.metadata).toEqual({ type: 'object' });
      expect(root.required).toEqual(['metadata', 'spec']);
    });

    it('fits in the last-applied-configuration annotation, so plain kubectl apply works', () => {
      expect(JSON.stringify(crd).length).toBeLessThan(262_144);
    });

    it('has printer columns that point at fields of the schema', () => {
      for (const column of version!.additionalPrinterColumns ?? []) {
        expect(schemaAt(root, column.jsonPath)).toMatchObject({ type: column.type });
      }
    });
  });

  it('flags what the API server would refuse (the checker itself can fail)', () => {
    const broken: OpenApiSchema = {
      type: 'object',
      properties: { a: {}, b: { type: 'object', properties: {}, additionalProperties: { type: 'string' } } },
      required: ['c'],
    };
    expect(structuralProblems(broken, '')).toEqual([
      ": required 'c' is not a property",
      '.a: no type',
      '.b: properties and additionalProperties together',
    ]);
    expect(structuralProblems({ $ref: '#/x' } as OpenApiSchema, '')).toEqual([
      ': unsupported keyword $ref',
      ': no type',
    ]);
  });

  it('gives Application the Sync Status and Health Status columns of Argo CD', () => {
    const application = manifests.find((crd) => crd.spec.names.kind === 'Application')!;
    expect(application.spec.versions[0]!.additionalPrinterColumns?.map((column) => column.name)).toEqual([
      'Sync Status',
      'Health Status',
      'Revision',
      'Project',
    ]);
  });

  it('preserves unknown fields where Argo CD keeps raw JSON', () => {
    const application = manifests.find((crd) => crd.spec.names.kind === 'Application')!.spec.versions[0]!.schema
      .openAPIV3Schema;
    const valuesObject = schemaAt(application, '.spec.source.helm.valuesObject');
    expect(valuesObject).toMatchObject({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    const set = manifests.find((crd) => crd.spec.names.kind === 'ApplicationSet')!.spec.versions[0]!.schema
      .openAPIV3Schema;
    const elements = schemaAt(set, '.spec.generators')?.items?.properties?.list?.properties?.elements?.items;
    expect(elements).toMatchObject({ 'x-kubernetes-preserve-unknown-fields': true });
  });
});
