// @driftless/diff — Argo CD-compatible comparison of desired manifests with live objects.
// Pure: no I/O, no Node APIs; safe to bundle into a sandboxed plugin.
export { compareApp, COMPARE_OPTIONS_ANNOTATION } from './compare-app';
export type {
  AppComparison,
  CompareAppInput,
  DuplicateResource,
  ResourceComparison,
  SyncStatusCode,
} from './compare-app';
export { compareResource, type ResourceDiff } from './compare-resource';
export type { FieldChange, FieldChangeType } from './compare-tree';
export { compileDiffConfig, matchingIgnoreRules } from './settings';
export type { DiffConfig, DiffSettingsInput, IgnoreResourceStatusField, IgnoreRule } from './settings';
export { renderAppDiff, renderResourceDiff } from './render';
export { DiffError, type DiffErrorCode } from './errors';
export { LAST_APPLIED_ANNOTATION } from './last-applied';
export { isBuiltInGroup, isSetList, mergeKeyFor } from './known-types';
export {
  annotationsOf,
  apiGroupOf,
  apiVersionOf,
  formatResourceKey,
  resourceKeyOf,
  type KubeObject,
  type ResourceKey,
} from './resource-key';
export { quantitiesEqual } from './quantity';
export { keepIgnoredLiveValues } from './respect-ignore';
export { parseDuration } from './duration';
export { compileJqDeletion, DEFAULT_JQ_STEP_LIMIT } from './jq';
export { deepEqual, isJsonObject, type JsonObject, type JsonValue } from './json';
