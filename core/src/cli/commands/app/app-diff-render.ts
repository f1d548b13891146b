// What `app diff` prints, as `argocd app diff` does: for each managed
// resource that differs (hooks left out), `===== group/Kind ns/name ======`
// then a unified diff of the live object (normalized) against what a sync
// would make of it (predicted, else the target). A resource missing on one
// side differs. Pure.
import { createTwoFilesPatch } from 'diff';
import { dump } from 'js-yaml';

/** The fields of `Application.managedResources` the diff reads. */
export interface ManagedResourceDiffView {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  targetState: string | null;
  liveState: string | null;
  normalizedLiveState: string | null;
  predictedLiveState: string | null;
  modified: boolean;
  hook: boolean;
}

export const MANAGED_RESOURCE_DIFF_FIELDS =
  'group kind namespace name targetState liveState normalizedLiveState predictedLiveState modified hook';

/** The object a state holds; null when there is none (the field is null, or the JSON `null`). */
export function stateObject(json: string | null): unknown {
  return json === null ? null : (JSON.parse(json) as unknown);
}

const toYaml = (json: string | null): string => {
  const object = stateObject(json);
  return object === null ? '' : dump(object, { noRefs: true, lineWidth: -1, sortKeys: true });
};

const present = (json: string | null): string | null => (stateObject(json) === null ? null : json);

export interface AppDiff {
  /** The text to print; empty when nothing differs. */
  text: string;
  /** How many resources differ. */
  differing: number;
}

export function renderResourceDiff(resource: ManagedResourceDiffView): string {
  const live = toYaml(present(resource.normalizedLiveState) ?? resource.liveState);
  const desired = toYaml(present(resource.predictedLiveState) ?? resource.targetState);
  const header = `===== ${resource.group}/${resource.kind} ${resource.namespace}/${resource.name} ======`;
  const patch = createTwoFilesPatch(
    `${resource.name}-live.yaml`,
    `${resource.name}-desired.yaml`,
    live,
    desired,
    undefined,
    undefined,
    { context: 3 },
  );
  // createTwoFilesPatch starts with a "====" separator line of its own; the header replaces it.
  return `${header}\n${patch.split('\n').slice(1).join('\n')}`;
}

const differs = (resource: ManagedResourceDiffView): boolean =>
  !resource.hook &&
  (resource.modified || (stateObject(resource.targetState) === null) !== (stateObject(resource.liveState) === null));

export function renderAppDiff(resources: readonly ManagedResourceDiffView[]): AppDiff {
  const differing = resources.filter(differs);
  return { text: differing.map(renderResourceDiff).join('\n'), differing: differing.length };
}
