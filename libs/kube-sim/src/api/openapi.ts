// OpenAPI documents. v3 (per group-version) is what kubectl reads to learn that
// the server validates fields itself (fieldValidation) and for `kubectl
// explain`; schemas carry the list merge keys of the merge schemas. v2 is
// served as JSON for clients that ask for it.
import { builtinMergeSchema, type MergeSchema } from '../patch/schema';
import type { ResourceType } from '../registry/resource-type';

const QUERY_PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string' },
  uniqueItems: true,
}));

function groupVersions(types: readonly ResourceType[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const type of types)
    for (const version of type.versions) seen.set(`${type.group}/${version}`, { group: type.group, version });
  return [...seen.values()];
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function schemaName(type: ResourceType, version: string): string {
  const group = type.group || 'core';
  return `io.k8s.kube-sim.${group}.${version}.${type.kind}`;
}

export function openApiV3Root(types: readonly ResourceType[]): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions(types)) {
    const path = gvPath(group, version);
    const hash = types
      .filter((type) => type.group === group && type.versions.includes(version))
      .map((type) => type.plural)
      .join('.');
    paths[path] = {
      serverRelativeURL: `/openapi/v3/${path}?hash=${Buffer.from(hash).toString('base64url').slice(0, 32)}`,
    };
  }
  return { paths };
}

function toOpenApi(schema: MergeSchema | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (schema?.fields) {
    result.type = 'object';
    result.properties = Object.fromEntries(
      Object.entries(schema.fields).map(([name, child]) => [name, toOpenApi(child)]),
    );
    result['x-kubernetes-preserve-unknown-fields'] = true;
  }
  if (schema?.listType) {
    result.type = 'array';
    result['x-kubernetes-list-type'] = schema.listType;
    if (schema.mergeKey) {
      result['x-kubernetes-list-map-keys'] = [schema.mergeKey];
      result['x-kubernetes-patch-merge-key'] = schema.mergeKey;
    }
    if (schema.patchStrategy) result['x-kubernetes-patch-strategy'] = schema.patchStrategy;
    result.items = schema.items ? toOpenApi(schema.items) : {};
  } else if (schema?.patchStrategy) {
    result['x-kubernetes-patch-strategy'] = schema.patchStrategy;
  }
  return result;
}

export function openApiV3Document(types: readonly ResourceType[], group: string, version: string): unknown {
  const served = types.filter((type) => type.group === group && type.versions.includes(version));
  if (served.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const type of served) {
    const gvk = { group, version, kind: type.kind };
    const prefix = `/${gvPath(group, version)}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}`;
    const ref = { $ref: `#/components/schemas/${schemaName(type, version)}` };
    const operation = (action: string): unknown => ({
      parameters: QUERY_PARAMETERS,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
    });
    paths[prefix] = { get: operation('list'), post: operation('post') };
    paths[`${prefix}/{name}`] = {
      get: operation('get'),
      put: operation('put'),
      patch: operation('patch'),
      delete: operation('delete'),
    };
    const schema = type.crdName
      ? ((type.schemas?.[version] as Record<string, unknown> | undefined) ?? {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
        })
      : toOpenApi(builtinMergeSchema(type.kind));
    schemas[schemaName(type, version)] = { ...schema, 'x-kubernetes-group-version-kind': [gvk] };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

export function openApiV2(types: readonly ResourceType[]): unknown {
  const definitions: Record<string, unknown> = {};
  for (const type of types) {
    const version = type.versions[0] ?? 'v1';
    definitions[schemaName(type, version)] = {
      ...toOpenApi(builtinMergeSchema(type.kind)),
      'x-kubernetes-group-version-kind': [{ group: type.group, version, kind: type.kind }],
    };
  }
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions };
}
