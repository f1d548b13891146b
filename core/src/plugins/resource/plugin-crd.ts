// The Plugin custom resource (driftless.io/v1alpha1): a plugin installed
// declaratively — `kubectl apply` a Plugin named after the plugin id, with the
// package to fetch, its pinned integrity and the capabilities granted.
// Who may do so is Kubernetes RBAC on the `plugins` resource of driftless.io.
import { type Capabilities } from '@driftless/plugin-sdk';

export const PLUGIN_GROUP = 'driftless.io';
export const PLUGIN_VERSION = 'v1alpha1';
export const PLUGIN_PLURAL = 'plugins';

export interface PluginResourceSpec {
  /** npm package[@range], or an https URL of a tarball. */
  package: string;
  registry?: string;
  /** sha512 integrity the package must have. */
  integrity?: string;
  grants?: Capabilities;
  enabled?: boolean;
}

export interface PluginResourceStatus {
  phase: 'Installed' | 'Disabled' | 'Failed';
  observedGeneration: number;
  installedVersion?: string;
  integrity?: string;
  requestedCapabilities?: string[];
  /** For Failed: the named error, one line. */
  message?: string;
}

export interface PluginResource {
  apiVersion: string;
  kind: 'Plugin';
  metadata: { name: string; namespace?: string; generation?: number; resourceVersion?: string };
  spec: PluginResourceSpec;
  status?: PluginResourceStatus;
}

/** The CustomResourceDefinition, as shipped in schema/crds/plugin.yaml. */
export { pluginCrd } from '@driftless/schema';
