/** ApplicationSource and its tool-specific blocks (Argo CD types.go, inventory §1.2, §4.2-4.6). */
import {
  array,
  boolean,
  freeForm,
  intOrString,
  mapOf,
  object,
  type OpenApiSchema,
  string,
  stringList,
  stringMap,
} from './openapi';

const jsonnetVar = (): OpenApiSchema =>
  object({ name: string(), value: string(), code: boolean() }, { required: ['name', 'value'] });

export const applicationSourceDirectory = (): OpenApiSchema =>
  object(
    {
      recurse: boolean('Scan the path recursively for manifests'),
      jsonnet: object(
        {
          extVars: array(jsonnetVar(), 'Jsonnet external variables'),
          tlas: array(jsonnetVar(), 'Jsonnet top-level arguments'),
          libs: stringList('Additional library search dirs'),
        },
        { description: 'Options specific to Jsonnet' },
      ),
      exclude: string('Glob of paths to exclude from manifest generation'),
      include: string('Glob of paths to include in manifest generation'),
      disableExtensionFilter: boolean('Consider every file, not only .yaml/.yml/.json/.jsonnet'),
    },
    { description: 'Options for a plain directory (and Jsonnet) source' },
  );

export const applicationSourceHelm = (): OpenApiSchema =>
  object(
    {
      valueFiles: stringList('Helm value files: local paths, URLs or $ref/path of another source'),
      parameters: array(
        object({ name: string(), value: string(), forceString: boolean() }),
        'Helm parameters passed as --set / --set-string',
      ),
      fileParameters: array(object({ name: string(), path: string() }), 'Helm parameters passed as --set-file'),
      releaseName: string('Helm release name; defaults to the application name'),
      values: string('Inline values as a YAML string'),
      valuesObject: freeForm('Inline values as an object; takes precedence over values'),
      version: string('Helm version'),
      passCredentials: boolean("Helm's --pass-credentials"),
      ignoreMissingValueFiles: boolean('Drop valueFiles that do not exist'),
      skipCrds: boolean("Helm's --skip-crds"),
      skipTests: boolean("Helm's --skip-tests"),
      skipSchemaValidation: boolean("Helm's --skip-schema-validation"),
      namespace: string('Namespace to template with; defaults to the destination namespace'),
      kubeVersion: string("Helm's --kube-version; defaults to the target cluster version"),
      apiVersions: stringList("Helm's --api-versions; defaults to the target cluster APIs"),
    },
    { description: 'Helm-specific options' },
  );

export const applicationSourceKustomize = (): OpenApiSchema =>
  object(
    {
      namePrefix: string(),
      nameSuffix: string(),
      images: stringList('Kustomize image overrides: name[=newName][:tag][@digest]'),
      commonLabels: stringMap(),
      commonAnnotations: stringMap(),
      commonAnnotationsEnvsubst: boolean(),
      forceCommonLabels: boolean(),
      forceCommonAnnotations: boolean(),
      labelWithoutSelector: boolean(),
      labelIncludeTemplates: boolean(),
      namespace: string(),
      replicas: array(object({ name: string(), count: intOrString() }, { required: ['count', 'name'] })),
      patches: array(
        object({
          path: string(),
          patch: string(),
          target: object({
            group: string(),
            version: string(),
            kind: string(),
            name: string(),
            namespace: string(),
            labelSelector: string(),
            annotationSelector: string(),
          }),
          options: mapOf(boolean()),
        }),
      ),
      components: stringList(),
      ignoreMissingComponents: boolean(),
      version: string('Kustomize version (a binary registered as kustomize.path.<version>)'),
      kubeVersion: string(),
      apiVersions: stringList(),
    },
    { description: 'Kustomize-specific options' },
  );

export const applicationSourcePlugin = (): OpenApiSchema =>
  object(
    {
      name: string('Name of the config management plugin'),
      env: array(object({ name: string(), value: string() }, { required: ['name', 'value'] })),
      parameters: array(
        object({
          name: string(),
          string: string(),
          array: stringList(),
          map: stringMap(),
        }),
      ),
    },
    { description: 'Config management plugin options' },
  );

export const applicationSource = (description?: string): OpenApiSchema =>
  object(
    {
      repoURL: string('URL of the Git, Helm or OCI repository'),
      path: string('Directory in the repository (Git sources)'),
      targetRevision: string('Git commit, tag or branch, or a Helm chart version constraint; defaults to HEAD'),
      chart: string('Helm chart name (Helm repository sources)'),
      ref: string('Name other sources use as $<ref> in Helm valueFiles'),
      name: string('Display name of the source'),
      tagPrefix: string('Keep only Git tags with this prefix before evaluating semver'),
      helm: applicationSourceHelm(),
      kustomize: applicationSourceKustomize(),
      directory: applicationSourceDirectory(),
      plugin: applicationSourcePlugin(),
    },
    { required: ['repoURL'], ...(description === undefined ? {} : { description }) },
  );

export const applicationSources = (description?: string): OpenApiSchema => array(applicationSource(), description);
