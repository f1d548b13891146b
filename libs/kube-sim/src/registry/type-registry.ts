// Which resource types one cluster serves: the built-in kinds plus one entry
// per established CustomResourceDefinition.
import { isPlainObject, type KubeObject, text } from '../store/kube-object';
import { builtinTypes } from './builtin-types';
import type { ResourceType } from './resource-type';

/** Kubernetes version priority: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > anything else. */
export function compareKubeVersions(a: string, b: string): number {
  const rank = (version: string): [number, number, number] => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!match) return [0, 0, 0];
    const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
    return [stability, Number(match[1]), Number(match[3] ?? 0)];
  };
  const [sa, ma, na] = rank(a);
  const [sb, mb, nb] = rank(b);
  return sb - sa || mb - ma || nb - na || a.localeCompare(b);
}

export class TypeRegistry {
  private readonly types: ResourceType[] = [...builtinTypes];

  all(): readonly ResourceType[] {
    return this.types;
  }

  /** The type served at /apis/<group>/<version>/<plural> (or /api/v1/<plural>). */
  resolve(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find((type) => type.group === group && type.plural === plural && type.versions.includes(version));
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    return this.types.find((type) => type.group === group && type.kind === kind);
  }

  /** Serves the kinds a CRD defines; replaces the previous definition of the same CRD. */
  registerCrd(crd: KubeObject): ResourceType {
    const type = crdToResourceType(crd);
    this.unregisterCrd(type.crdName ?? '');
    this.types.push(type);
    return type;
  }

  unregisterCrd(crdName: string): ResourceType | undefined {
    const index = this.types.findIndex((type) => type.crdName === crdName);
    if (index < 0) return undefined;
    return this.types.splice(index, 1)[0];
  }
}

export function crdToResourceType(crd: KubeObject): ResourceType {
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const versions = (Array.isArray(spec.versions) ? spec.versions : [])
    .filter(isPlainObject)
    .filter((version) => version.served !== false);
  const storage = versions.find((version) => version.storage === true) ?? versions[0] ?? {};
  const subresources = isPlainObject(storage.subresources) ? storage.subresources : {};
  const kind = text(names.kind, '');
  const type: ResourceType = {
    group: text(spec.group, ''),
    versions: versions.map((version) => String(version.name)).sort(compareKubeVersions),
    kind,
    listKind: text(names.listKind, `${kind}List`),
    plural: text(names.plural, ''),
    singular: text(names.singular, kind.toLowerCase()),
    namespaced: spec.scope !== 'Cluster',
    shortNames: Array.isArray(names.shortNames) ? names.shortNames.map(String) : [],
    categories: Array.isArray(names.categories) ? names.categories.map(String) : [],
    statusSubresource: isPlainObject(subresources.status),
    crdName: crd.metadata.name ?? '',
    schemas: Object.fromEntries(
      versions.map((version) => [
        String(version.name),
        isPlainObject(version.schema) ? version.schema.openAPIV3Schema : undefined,
      ]),
    ),
  };
  type.printerColumns = Object.fromEntries(
    versions.map((version) => [
      text(version.name),
      (Array.isArray(version.additionalPrinterColumns)
        ? version.additionalPrinterColumns.filter(isPlainObject)
        : []
      ).map((column) => ({
        name: text(column.name),
        type: text(column.type, 'string'),
        jsonPath: text(column.jsonPath),
        ...(typeof column.priority === 'number' ? { priority: column.priority } : {}),
      })),
    ]),
  );
  if (isPlainObject(subresources.scale)) {
    const scale = subresources.scale;
    type.scaleSubresource = {
      specReplicasPath: text(scale.specReplicasPath, '.spec.replicas'),
      statusReplicasPath: text(scale.statusReplicasPath, '.status.replicas'),
      ...(typeof scale.labelSelectorPath === 'string' ? { labelSelectorPath: scale.labelSelectorPath } : {}),
    };
  }
  return type;
}
