// Argo CD's managed resources (the API's ManagedResources): per compared
// resource its target and live objects and the diff engine's normalized live
// and predicted live states, as JSON strings, Secret values masked. Built
// right after a comparison, while its diffs still exist (the refresh keeps
// none). Pure.
import { formatResourceKey, type AppComparison } from '@driftless/diff';
import { groupOf } from '../refresh/live-objects';
import { type LiveObject } from '../live-state/cached-object';
import { hideSecretData } from './secret-mask';

export interface ManagedResource {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** The desired manifest ("null" when the live object needs pruning). */
  targetState: string;
  /** The live object ("null" when it does not exist). */
  liveState: string;
  normalizedLiveState: string;
  predictedLiveState: string;
  modified: boolean;
  hook: boolean;
  resourceVersion: string;
}

export interface ComparedResources {
  comparison: AppComparison;
  desired: readonly LiveObject[];
  /** Live objects by resource key. */
  live: ReadonlyMap<string, LiveObject>;
  destinationNamespace: string;
  isNamespaced(group: string, kind: string): boolean | undefined;
  /** argocd-cm resource.sensitive.mask.annotations. */
  maskedAnnotations: readonly string[];
}

export function managedResources(input: ComparedResources): ManagedResource[] {
  const targets = new Map<string, LiveObject>();
  for (const manifest of input.desired) {
    const group = groupOf(manifest.apiVersion);
    const kind = manifest.kind ?? '';
    const namespaced = input.isNamespaced(group, kind) !== false;
    const namespace = namespaced ? manifest.metadata?.namespace || input.destinationNamespace : '';
    const name = manifest.metadata?.name ?? '';
    // As in Argo CD, the target shows the namespace it is applied to.
    const target = namespaced ? { ...manifest, metadata: { ...manifest.metadata, namespace } } : manifest;
    targets.set(formatResourceKey({ group, kind, namespace, name }), target);
  }
  return input.comparison.resources.map((resource) => {
    const key = formatResourceKey(resource);
    const shown = hideSecretData(targets.get(key), input.live.get(key), input.maskedAnnotations);
    return {
      group: resource.group,
      kind: resource.kind,
      namespace: resource.namespace,
      name: resource.name,
      targetState: JSON.stringify(shown.target ?? null),
      liveState: JSON.stringify(shown.live ?? null),
      normalizedLiveState: JSON.stringify(resource.diff?.normalizedLive ?? null),
      predictedLiveState: JSON.stringify(resource.diff?.predictedLive ?? null),
      modified: resource.diff?.modified ?? false,
      hook: resource.hook,
      resourceVersion: input.live.get(key)?.metadata?.resourceVersion ?? '',
    };
  });
}

/** argocd-cm `resource.sensitive.mask.annotations`: a comma-separated list. */
export function maskedAnnotationsOf(argocdCm: Readonly<Record<string, string>>): string[] {
  return (argocdCm['resource.sensitive.mask.annotations'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}
