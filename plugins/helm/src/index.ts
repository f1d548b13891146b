// The pure parts of builtin.helm, for tools that build or check helm command lines.
export { parseHelmOptions, type HelmOptions } from './helm-options';
export { templateArgs, cleanSetValue, kubeVersionForHelm, type TemplatePlan } from './template-args';
export { resolveValueFile, allowedSchemes, type ValueFileSource } from './value-files';
export { parseManifests } from '@driftless/render-kit';
