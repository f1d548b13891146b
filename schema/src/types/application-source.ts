/** ApplicationSource: where an application's manifests come from (Argo CD types.go). */

export interface JsonnetVar {
  name: string;
  value: string;
  /** The value is Jsonnet code (ExtCode/TLACode) rather than a string. */
  code?: boolean;
}

export interface ApplicationSourceJsonnet {
  extVars?: JsonnetVar[];
  tlas?: JsonnetVar[];
  /** Library search paths, relative to the repository root. */
  libs?: string[];
}

export interface ApplicationSourceDirectory {
  recurse?: boolean;
  jsonnet?: ApplicationSourceJsonnet;
  /** Glob of paths to exclude. */
  exclude?: string;
  /** Glob of paths to include. */
  include?: string;
  /** Consider every file, not only .yaml/.yml/.json/.jsonnet. */
  disableExtensionFilter?: boolean;
}

export interface HelmParameter {
  name?: string;
  value?: string;
  /** Pass as --set-string. */
  forceString?: boolean;
}

export interface HelmFileParameter {
  name?: string;
  path?: string;
}

export interface ApplicationSourceHelm {
  /** Local paths, URLs, or `$<ref>/path` of another source. */
  valueFiles?: string[];
  parameters?: HelmParameter[];
  fileParameters?: HelmFileParameter[];
  /** Defaults to the application name. */
  releaseName?: string;
  /** Inline values as a YAML string. */
  values?: string;
  /** Inline values as an object; wins over `values`. */
  valuesObject?: Record<string, unknown>;
  version?: string;
  passCredentials?: boolean;
  ignoreMissingValueFiles?: boolean;
  skipCrds?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
}

export interface KustomizeReplica {
  name: string;
  count: number | string;
}

export interface KustomizeSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface KustomizePatch {
  path?: string;
  patch?: string;
  target?: KustomizeSelector;
  options?: Record<string, boolean>;
}

export interface ApplicationSourceKustomize {
  namePrefix?: string;
  nameSuffix?: string;
  /** `name[=newName][:tag][@digest]`. */
  images?: string[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  commonAnnotationsEnvsubst?: boolean;
  forceCommonLabels?: boolean;
  forceCommonAnnotations?: boolean;
  labelWithoutSelector?: boolean;
  labelIncludeTemplates?: boolean;
  namespace?: string;
  replicas?: KustomizeReplica[];
  patches?: KustomizePatch[];
  components?: string[];
  ignoreMissingComponents?: boolean;
  version?: string;
  kubeVersion?: string;
  apiVersions?: string[];
}

export interface EnvEntry {
  name: string;
  value: string;
}

/** A plugin parameter carries one of string, array or map. */
export interface ApplicationSourcePluginParameter {
  name?: string;
  string?: string;
  array?: string[];
  map?: Record<string, string>;
}

export interface ApplicationSourcePlugin {
  name?: string;
  env?: EnvEntry[];
  parameters?: ApplicationSourcePluginParameter[];
}

export interface ApplicationSource {
  repoURL: string;
  path?: string;
  /** Git commit/tag/branch (default HEAD) or a Helm chart version constraint. */
  targetRevision?: string;
  /** Helm chart name, for Helm repository sources. */
  chart?: string;
  /** Name other sources use as `$<ref>` in Helm valueFiles. */
  ref?: string;
  name?: string;
  tagPrefix?: string;
  helm?: ApplicationSourceHelm;
  kustomize?: ApplicationSourceKustomize;
  directory?: ApplicationSourceDirectory;
  plugin?: ApplicationSourcePlugin;
}

export type ApplicationSources = ApplicationSource[];

/** Which tool renders a source. */
export type ApplicationSourceType = 'Helm' | 'Kustomize' | 'Directory' | 'Plugin';
