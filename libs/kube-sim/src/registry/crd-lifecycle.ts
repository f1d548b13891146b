// What the apiextensions server checks and reports when a CRD is written: its
// name must be plural.group, exactly one version is stored, and the CRD is
// Established with its accepted names at once.
import { errors } from '../api/status';
import { isPlainObject, text, type KubeObject } from '../store/kube-object';

/** Validates a CRD and sets its status (mutates `crd`); throws 422 Invalid. */
export function establishCrd(crd: KubeObject, now: string): void {
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const group = text(spec.group, '');
  const plural = text(names.plural, '');
  if (crd.metadata.name !== `${plural}.${group}`) {
    throw errors.invalid('CustomResourceDefinition', 'apiextensions.k8s.io', crd.metadata.name ?? '', [
      {
        field: 'metadata.name',
        message: `Invalid value: "${crd.metadata.name ?? ''}": must be spec.names.plural+"."+spec.group`,
      },
    ]);
  }
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isPlainObject) : [];
  if (versions.length === 0 || versions.filter((version) => version.storage === true).length !== 1) {
    throw errors.invalid('CustomResourceDefinition', 'apiextensions.k8s.io', crd.metadata.name ?? '', [
      { field: 'spec.versions', message: 'Invalid value: must have exactly one version marked as storage version' },
    ]);
  }
  crd.status = {
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: now,
      },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: now,
      },
    ],
    acceptedNames: {
      ...names,
      listKind: names.listKind ?? `${text(names.kind, '')}List`,
      singular: names.singular ?? text(names.kind, '').toLowerCase(),
    },
    storedVersions: versions.filter((version) => version.storage === true).map((version) => String(version.name)),
  };
}
