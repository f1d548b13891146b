// `app diff --revision REV`: the live objects of the app's managed resources
// compared, with the controller's diff engine (@driftless/diff), against the
// manifests rendered at REV instead of the target — as `argocd app diff
// --revision` does on the client. Both sides come from the server with Secret
// values masked, so masked values are compared with masked values. A kind is
// namespaced as the managed resources show it (Argo CD reads the same from its
// live objects); a kind none of them has counts as namespaced. The app's
// ignoreDifferences apply; argocd-cm's resource customizations are not
// available to the client. Pure.
import { type ResourceIgnoreDifferences } from '@driftless/schema';
import { compareApp, compileDiffConfig, DiffError, type KubeObject } from '@driftless/diff';
import { CliError, ExitCode } from '../../exit-codes';
import { stateObject, type ManagedResourceDiffView } from './app-diff-render';

export interface DiffAtRevisionInput {
  /** The rendered manifests, one JSON document each (`Application.manifests(revision).manifests`). */
  manifests: readonly string[];
  /** The app's managed resources as last compared: their live state and where they live. */
  managedResources: readonly Pick<ManagedResourceDiffView, 'group' | 'kind' | 'namespace' | 'liveState'>[];
  destinationNamespace?: string;
  ignoreDifferences?: readonly ResourceIgnoreDifferences[];
}

const stateText = (object: KubeObject | null): string => JSON.stringify(object);

/** One view per resource, in the shape `app diff` renders (renderAppDiff). */
export function diffAtRevision(input: DiffAtRevisionInput): ManagedResourceDiffView[] {
  const namespaced = new Map<string, boolean>();
  for (const resource of input.managedResources)
    namespaced.set(`${resource.group}/${resource.kind}`, resource.namespace !== '');
  const live = input.managedResources
    .map((resource) => stateObject(resource.liveState) as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
  let config;
  try {
    config = compileDiffConfig({ ignoreDifferences: input.ignoreDifferences ?? [] });
  } catch (error) {
    if (error instanceof DiffError)
      throw new CliError(`the application's ignoreDifferences: ${error.message}`, ExitCode.usage);
    throw error;
  }
  const comparison = compareApp({
    desired: input.manifests.map((text) => JSON.parse(text) as KubeObject),
    live,
    ...(input.destinationNamespace ? { destinationNamespace: input.destinationNamespace } : {}),
    isNamespaced: (group, kind) => namespaced.get(`${group}/${kind}`),
    config,
  });
  const [problem] = comparison.errors;
  if (problem !== undefined) throw new CliError(`cannot compare at that revision: ${problem}`, ExitCode.usage);
  return comparison.resources.map((resource) => ({
    group: resource.group,
    kind: resource.kind,
    namespace: resource.namespace,
    name: resource.name,
    targetState: stateText(resource.requiresPruning ? null : (resource.diff?.normalizedDesired ?? null)),
    liveState: stateText(resource.liveMissing ? null : (resource.diff?.normalizedLive ?? null)),
    normalizedLiveState: stateText(resource.diff?.normalizedLive ?? null),
    predictedLiveState: stateText(resource.diff?.predictedLive ?? null),
    modified: resource.status === 'OutOfSync',
    hook: resource.hook,
  }));
}
