/** @driftless/schema: Argo CD's CRDs, their TypeScript types, and a validator for manifests. */
export type * from './types';
export { crdDirectory, crdManifests } from './crd-files';
export { pluginCrd } from './crd/crd-definitions';
export { formatIssue, type ValidationIssue, validateManifestText, validateResource } from './validation';
