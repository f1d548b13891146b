// The Plugin custom resource (driftless.io/v1alpha1): a plugin installed
// declaratively — `kubectl apply` a Plugin named after the plugin id, with the
// package to fetch, its pinned integrity and the capabilities granted.
// Who may do so is Kubernetes RBAC on the `plugins` resource of driftless.io.
//
// To ship it as schema/crds/plugin.yaml it belongs in the schema package's
// crd-definitions.ts (whose test requires every file there to come from it).
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

const strings = { type: 'array', items: { type: 'string' } };

export const pluginCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${PLUGIN_PLURAL}.${PLUGIN_GROUP}`, labels: { 'app.kubernetes.io/part-of': 'driftless' } },
  spec: {
    group: PLUGIN_GROUP,
    names: { kind: 'Plugin', listKind: 'PluginList', plural: PLUGIN_PLURAL, singular: 'plugin', shortNames: ['dlp'] },
    scope: 'Namespaced',
    versions: [
      {
        name: PLUGIN_VERSION,
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Version', type: 'string', jsonPath: '.status.installedVersion' },
          { name: 'Package', type: 'string', jsonPath: '.spec.package', priority: 1 },
        ],
        schema: {
          openAPIV3Schema: {
            description: 'A Driftless plugin installed from a package, with the capabilities an admin granted it',
            type: 'object',
            required: ['metadata', 'spec'],
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                required: ['package'],
                properties: {
                  package: { type: 'string', description: 'npm package[@range] or https URL of a tarball' },
                  registry: { type: 'string', description: 'npm registry URL (default https://registry.npmjs.org)' },
                  integrity: { type: 'string', description: 'sha512 integrity the package must have' },
                  enabled: { type: 'boolean', description: 'false unloads the plugin but keeps it installed' },
                  grants: {
                    type: 'object',
                    description: 'Capabilities granted; the plugin gets those it also requests in its manifest',
                    properties: {
                      http: {
                        type: 'object',
                        properties: {
                          hosts: strings,
                          networks: {
                            type: 'array',
                            items: { type: 'string', enum: ['loopback', 'private', 'linkLocal'] },
                          },
                        },
                      },
                      exec: { type: 'object', properties: { binaries: strings } },
                      workspace: { type: 'boolean' },
                      secrets: { type: 'object', properties: { names: strings } },
                    },
                  },
                },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string', enum: ['Installed', 'Disabled', 'Failed'] },
                  observedGeneration: { type: 'integer' },
                  installedVersion: { type: 'string' },
                  integrity: { type: 'string' },
                  requestedCapabilities: strings,
                  message: { type: 'string' },
                },
              },
            },
          },
        },
      },
    ],
  },
};
