// What the controller (or the CLI) asks the repo-server for, and what it gets
// back. Plain data: it travels in BullMQ jobs.
import { type ApplicationSource } from '@driftless/schema';
import { type KubeObject } from '@driftless/plugin-sdk';

export type TrackingMethod = 'annotation' | 'label' | 'annotation+label';

export interface ManifestRequest {
  app: {
    name: string;
    /** Namespace of the Application resource. */
    namespace: string;
    project: string;
  };
  /** The source to render. */
  source: ApplicationSource;
  /** Sources of the same application that carry `ref`, for `$ref/…` value files. */
  refSources?: ApplicationSource[];
  destination: { server: string; namespace: string };
  /** Kubernetes version of the destination, e.g. `1.31.0`. */
  kubeVersion: string;
  apiVersions: string[];
  tracking: { method: TrackingMethod; labelKey: string; installationID?: string };
  /** Render again even when a cached result exists (hard refresh). */
  noCache?: boolean;
  /**
   * Resolve branch and tag names anew instead of from the ls-remote of the last few seconds (a
   * sync, a hard refresh: Argo CD's noRevisionCache), so a commit pushed just before is seen.
   */
  noRevisionCache?: boolean;
}

export interface ManifestResponse {
  manifests: KubeObject[];
  /** The commit (or chart version) the target revision resolved to. */
  revision: string;
  /** Argo CD's source type: Directory, Helm, Kustomize, Plugin. */
  sourceType: string;
  /** Revisions of the ref sources, by ref name. */
  refRevisions: Record<string, string>;
  /** How the answer was found: rendered now, cached for this revision, or reused from a revision with the same content. */
  cache: 'miss' | 'revision' | 'content';
  /** Where the render is stored in the manifest cache (how the queue hands it over). */
  revisionKey: string;
}
