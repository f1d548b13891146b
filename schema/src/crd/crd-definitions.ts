/**
 * The three Argo CD CustomResourceDefinitions, built from the schema fragments.
 * `npm run generate:crds -w schema` writes them to schema/crds/*.yaml; a unit spec fails when the
 * committed files and these definitions differ.
 */
import { applicationSetSpec, applicationSetStatus } from './application-set.schema';
import { applicationSpec, operation } from './application-spec.schema';
import { applicationStatus } from './application-status.schema';
import { appProjectSpec, appProjectStatus } from './app-project.schema';
import { object, type OpenApiSchema, string } from './openapi';
import { DRIFTLESS_GROUP, pluginSpec, pluginStatus } from './plugin.schema';

export const ARGOPROJ_GROUP = 'argoproj.io';
export const ARGOPROJ_VERSION = 'v1alpha1';

interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'date';
  jsonPath: string;
  priority?: number;
}

interface CrdInput {
  kind: string;
  plural: string;
  shortNames: string[];
  description: string;
  properties: Record<string, OpenApiSchema>;
  printerColumns?: PrinterColumn[];
  statusSubresource?: boolean;
  /** API group; argoproj.io unless the kind is Driftless's own. */
  group?: string;
}

/** A CustomResourceDefinition as plain data (what schema/crds/*.yaml parse to). */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames: string[] };
    scope: 'Namespaced';
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      additionalPrinterColumns?: PrinterColumn[];
      subresources?: { status: Record<string, never> };
      schema: { openAPIV3Schema: OpenApiSchema };
    }[];
  };
}

function crd(input: CrdInput): CustomResourceDefinition {
  const group = input.group ?? ARGOPROJ_GROUP;
  const name = `${input.plural}.${group}`;
  const root = object(
    {
      apiVersion: string(),
      kind: string(),
      metadata: { type: 'object' },
      ...input.properties,
    },
    { required: ['metadata', 'spec'], description: input.description },
  );
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'driftless' } },
    spec: {
      group,
      names: {
        kind: input.kind,
        listKind: `${input.kind}List`,
        plural: input.plural,
        singular: input.kind.toLowerCase(),
        shortNames: input.shortNames,
      },
      scope: 'Namespaced',
      versions: [
        {
          name: ARGOPROJ_VERSION,
          served: true,
          storage: true,
          ...(input.printerColumns === undefined ? {} : { additionalPrinterColumns: input.printerColumns }),
          ...(input.statusSubresource === true ? { subresources: { status: {} } } : {}),
          schema: { openAPIV3Schema: root },
        },
      ],
    },
  };
}

export function applicationCrd(): CustomResourceDefinition {
  return crd({
    kind: 'Application',
    plural: 'applications',
    shortNames: ['app', 'apps'],
    description: 'Application maps a source of manifests to a destination cluster and namespace',
    properties: { spec: applicationSpec(), status: applicationStatus(), operation: operation() },
    printerColumns: [
      { name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status' },
      { name: 'Health Status', type: 'string', jsonPath: '.status.health.status' },
      { name: 'Revision', type: 'string', jsonPath: '.status.sync.revision', priority: 10 },
      { name: 'Project', type: 'string', jsonPath: '.spec.project', priority: 10 },
    ],
  });
}

export function appProjectCrd(): CustomResourceDefinition {
  return crd({
    kind: 'AppProject',
    plural: 'appprojects',
    shortNames: ['appproj', 'appprojs'],
    description: 'AppProject groups applications and restricts what they may deploy and where',
    properties: { spec: appProjectSpec(), status: appProjectStatus() },
  });
}

export function applicationSetCrd(): CustomResourceDefinition {
  return crd({
    kind: 'ApplicationSet',
    plural: 'applicationsets',
    shortNames: ['appset', 'appsets'],
    description: 'ApplicationSet generates Applications from a template and parameter generators',
    properties: { spec: applicationSetSpec(), status: applicationSetStatus() },
    statusSubresource: true,
  });
}

/** Driftless's own Plugin (driftless.io/v1alpha1): a plugin installed declaratively. */
export function pluginCrd(): CustomResourceDefinition {
  return crd({
    group: DRIFTLESS_GROUP,
    kind: 'Plugin',
    plural: 'plugins',
    shortNames: ['dlp'],
    description: 'A Driftless plugin installed from a package, with the capabilities an admin granted it',
    properties: { spec: pluginSpec(), status: pluginStatus() },
    printerColumns: [
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'Version', type: 'string', jsonPath: '.status.installedVersion' },
      { name: 'Package', type: 'string', jsonPath: '.spec.package', priority: 1 },
    ],
    statusSubresource: true,
  });
}

/** File name in schema/crds → definition. */
export const crdDefinitions: Readonly<Record<string, () => CustomResourceDefinition>> = {
  'application.yaml': applicationCrd,
  'appproject.yaml': appProjectCrd,
  'applicationset.yaml': applicationSetCrd,
  'plugin.yaml': pluginCrd,
};
