export { formatIssue, type ValidationIssue } from './validation-issue';
export { validateResource } from './validate-resource';
export { validateManifestText } from './validate-manifest';
