// Text output for an API or a CLI `app diff`: a unified diff of normalized live against
// predicted live, per resource, with Secret values already masked.
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { AppComparison, ResourceComparison } from './compare-app';
import type { KubeObject } from './resource-key';

function toYaml(object: KubeObject | null): string {
  return object ? stringify(object, { sortMapEntries: true, lineWidth: 0 }) : '';
}

/** `===== group/Kind namespace/name ======` followed by a unified diff, as `argocd app diff` prints. */
export function renderResourceDiff(resource: ResourceComparison, contextLines = 3): string {
  const header = `===== ${resource.group}/${resource.kind} ${resource.namespace}/${resource.name} ======`;
  if (!resource.diff) return `${header}\n(not compared: ${resource.error ?? 'unknown error'})\n`;
  const patch = createTwoFilesPatch(
    'live',
    'desired',
    toYaml(resource.diff.normalizedLive),
    toYaml(resource.diff.predictedLive),
    undefined,
    undefined,
    { context: contextLines },
  );
  // Drop the "=====" separator line and keep ---/+++ and the hunks.
  const body = patch.split('\n').slice(1).join('\n');
  return `${header}\n${body}`;
}

/** Diffs of every resource that is not in sync (hooks excluded). */
export function renderAppDiff(comparison: AppComparison, contextLines = 3): string {
  return comparison.resources
    .filter((resource) => !resource.hook && resource.status !== 'Synced')
    .map((resource) => renderResourceDiff(resource, contextLines))
    .join('\n');
}
