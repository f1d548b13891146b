// @driftless/render-kit: what the renderer plugins (directory, kustomize, helm,
// cmp) share. Pure TypeScript with no Node built-ins: it is bundled into
// plugins that run in a bare V8 isolate.
export { buildEnvironment, type BuildEnvironment } from './build-environment';
export { envsubst } from './envsubst';
export { flattenLists } from './flatten-lists';
export { ManifestError, parseManifests } from './manifests';
export {
  checkShape,
  defaultYamlLimits,
  parseDocument,
  splitDocuments,
  YamlLimitError,
  type YamlLimits,
} from './yaml-documents';
