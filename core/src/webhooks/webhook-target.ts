// An Application reduced to what webhook matching reads, so the server keeps
// a few hundred bytes per app instead of whole objects (specs and statuses).
import { type Application } from '@driftless/schema';
import { refreshPaths, MANIFEST_GENERATE_PATHS } from './refresh-paths';
import { repoKey } from './repo-url';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

export interface TargetSource {
  /** repoKey() of the source's repoURL; undefined for URLs that are no remote git repository. */
  repoKey: string | undefined;
  targetRevision: string | undefined;
}

export interface WebhookTarget {
  /** `namespace/name`, the key the controller uses too. */
  key: string;
  namespace: string;
  name: string;
  /** Git sources: spec.source or every spec.sources entry (ref sources included), and a hydrator's dry source. */
  sources: TargetSource[];
  /** From manifest-generate-paths; empty when the app refreshes on any change. */
  refreshPaths: string[];
  /** The refresh annotation the app carries now, if any. */
  pendingRefresh: string | undefined;
}

export function toWebhookTarget(app: Application): WebhookTarget {
  const namespace = app.metadata.namespace ?? '';
  const name = app.metadata.name ?? '';
  const spec = app.spec as Partial<Application['spec']> | undefined;
  const declared = spec?.sources && spec.sources.length > 0 ? spec.sources : spec?.source ? [spec.source] : [];
  // A Helm chart source names a chart repository, never a git repository a push could move.
  const gitSources = declared.filter((source) => !source.chart);
  const sources: TargetSource[] = gitSources.map((source) => ({
    repoKey: typeof source.repoURL === 'string' ? repoKey(source.repoURL) : undefined,
    targetRevision: source.targetRevision,
  }));
  const dry = spec?.sourceHydrator?.drySource;
  if (dry?.repoURL) sources.push({ repoKey: repoKey(dry.repoURL), targetRevision: dry.targetRevision });
  const annotations = app.metadata.annotations ?? {};
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    sources,
    refreshPaths: refreshPaths(annotations[MANIFEST_GENERATE_PATHS], [
      ...declared.map((source) => source.path),
      ...(dry ? [dry.path] : []),
    ]),
    pendingRefresh: annotations[REFRESH_ANNOTATION],
  };
}
