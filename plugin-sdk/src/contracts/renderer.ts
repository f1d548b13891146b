import { type KubeObject } from './kube-object';

/** What a renderer knows about the application it renders for (Argo CD's build environment). */
export interface RenderApplication {
  /** Application name (`ARGOCD_APP_NAME`); Helm's default release name. */
  name: string;
  /** Namespace of the Application resource. */
  namespace: string;
  project: string;
  /** `spec.destination.namespace` (`ARGOCD_APP_NAMESPACE`), '' when unset. */
  destinationNamespace: string;
  /** `spec.destination.server` or the server the destination name resolved to. */
  destinationServer: string;
  repoURL: string;
  targetRevision: string;
  /** The commit (or chart version) being rendered (`ARGOCD_APP_REVISION`). */
  revision: string;
  /** Kubernetes version of the destination, e.g. `1.31.0`. */
  kubeVersion: string;
  /** API versions the destination serves, `group/version` and `group/version/Kind`. */
  apiVersions: string[];
}

export interface RendererInput {
  /** The application's path inside the read-only workspace (host.workspace), `.` for the root. */
  path: string;
  /**
   * The renderer's block of the Application source exactly as written:
   * `directory`, `helm`, `kustomize` or `plugin` (with `name`, `env`,
   * `parameters`). `{}` when the source has none.
   */
  options: Record<string, unknown>;
  app: RenderApplication;
  /**
   * Settings this renderer reads, by argocd-cm key (e.g. `kustomize.buildOptions`,
   * `helm.valuesFileSchemes`), plus renderer-specific configuration the kernel
   * loads (config management plugin definitions under `configManagementPlugins`, as YAML).
   */
  settings: Record<string, string>;
  /** Set for post-processing renderers: the manifests rendered so far. */
  manifests?: KubeObject[];
  /**
   * Set on the second call after a render returned `needs`: what the kernel
   * fetched (charts with the version they resolved to). They are in every exec
   * copy of the workspace at their `into` path (not in host.workspace).
   */
  provided?: { charts?: ProvidedChart[]; files?: FileNeed[] };
}

/**
 * A file from an http(s) URL a renderer needs (a Helm value file given as a
 * URL): fetched by the kernel within its network policy, placed at `into`.
 */
export interface FileNeed {
  url: string;
  /** Workspace-relative path where the file must appear in exec copies. */
  into: string;
  /** When the server answers 404, leave it out of `provided` instead of failing (ignoreMissingValueFiles). */
  optional?: boolean;
}

/**
 * A chart a renderer cannot render without and cannot fetch itself (renderers
 * have no network and no credentials): a Helm chart's repository dependency.
 */
export interface ChartNeed {
  /** The chart repository as the chart names it: `https://…`, `oci://…`. */
  repository: string;
  name: string;
  /** An exact version or a semver constraint (`17.x`, `^1.2.0`). */
  version: string;
  /** Workspace-relative folder where the chart must appear in exec copies, e.g. `charts/web/charts/redis`. */
  into: string;
}

export interface ProvidedChart extends ChartNeed {
  resolvedVersion: string;
}

export interface RendererOutput {
  manifests: KubeObject[];
  /**
   * Workspace paths (files or directories, relative to the root, `$ref/...`
   * for ref sources) whose content the result depends on. The kernel reuses a
   * cached render on a later commit when none of them changed. Leave it out
   * when unknown: the whole workspace counts.
   */
  dependencies?: string[];
  /**
   * The result depends on something outside the workspace (a remote base, a
   * chart repository): cache it by commit only.
   */
  external?: boolean;
  /**
   * Charts and files to fetch before this app can render. The kernel fetches
   * them (charts with the repositories' credentials, everything within its
   * network policy) and calls `render` once more with `provided`; `manifests`
   * of this answer are ignored.
   */
  needs?: { charts?: ChartNeed[]; files?: FileNeed[] };
}

/**
 * `detect` answers, for a renderer whose manifest sets `discovery.dynamic`,
 * whether it claims an application whose source names no renderer block
 * (Argo CD's config management plugin `discover` rules). It is asked before
 * file-name discovery, as Argo CD asks its plugins first.
 */
export interface RendererDetectOutput {
  matches: boolean;
  /** The definition or variant that matched, for messages. */
  name?: string;
}
