/** ApplicationSet spec, generators and status (inventory §5). */
import { applicationSpec } from './application-spec.schema';
import { healthStatus, resourceStatus } from './application-status.schema';
import {
  array,
  boolean,
  dateTime,
  freeForm,
  int64,
  intOrString,
  object,
  type OpenApiSchema,
  string,
  stringList,
  stringMap,
  withoutDescriptions,
} from './openapi';

const labelSelector = (description?: string): OpenApiSchema =>
  object(
    {
      matchLabels: stringMap(),
      matchExpressions: array(
        object({ key: string(), operator: string(), values: stringList() }, { required: ['key', 'operator'] }),
      ),
    },
    description === undefined ? {} : { description },
  );

const secretRef = (): OpenApiSchema =>
  object({ secretName: string(), key: string() }, { required: ['key', 'secretName'] });
const configMapKeyRef = (): OpenApiSchema =>
  object({ configMapName: string(), key: string() }, { required: ['configMapName', 'key'] });
const basicAuth = (): OpenApiSchema =>
  object({ username: string(), passwordRef: secretRef() }, { required: ['passwordRef', 'username'] });
const bearerToken = (): OpenApiSchema => object({ tokenRef: secretRef() }, { required: ['tokenRef'] });

const templateMetadata = (): OpenApiSchema =>
  object({
    name: string(),
    namespace: string(),
    labels: stringMap(),
    annotations: stringMap(),
    finalizers: stringList(),
  });

/** ApplicationSetTemplate: the Application every parameter set renders. */
export const applicationSetTemplate = (description?: string): OpenApiSchema =>
  object(
    { metadata: templateMetadata(), spec: applicationSpec() },
    { required: ['metadata', 'spec'], ...(description === undefined ? {} : { description }) },
  );

/**
 * Generators inside matrix/merge keep their template as raw JSON: Argo CD expands it fully, but
 * that copy per nested generator is what makes its CRD too large for a client-side kubectl apply.
 */
type TemplateStyle = 'typed' | 'raw';
const templateOverride = 'Merged over spec.template for the applications of this generator';
const generatorTemplate = (style: TemplateStyle): OpenApiSchema =>
  style === 'typed'
    ? { description: templateOverride, ...withoutDescriptions(applicationSetTemplate()) }
    : freeForm(templateOverride);

const common = (style: TemplateStyle) => ({
  template: generatorTemplate(style),
  values: stringMap('Extra parameters, available as values.<key>'),
});

const listGenerator = (style: TemplateStyle): OpenApiSchema =>
  object({
    elements: array(freeForm(), 'One parameter set per element'),
    elementsYaml: string('Elements as a YAML/JSON string (usually templated)'),
    template: generatorTemplate(style),
  });

const clusterGenerator = (style: TemplateStyle): OpenApiSchema =>
  object({ selector: labelSelector('Selects cluster secrets by label'), ...common(style), flatList: boolean() });

const gitItem = (): OpenApiSchema => object({ path: string(), exclude: boolean() }, { required: ['path'] });
const gitGenerator = (style: TemplateStyle): OpenApiSchema =>
  object(
    {
      repoURL: string(),
      revision: string(),
      directories: array(gitItem()),
      files: array(gitItem()),
      requeueAfterSeconds: int64(),
      pathParamPrefix: string(),
      ...common(style),
    },
    { required: ['repoURL', 'revision'] },
  );

const scmProviderGenerator = (style: TemplateStyle): OpenApiSchema =>
  object({
    github: object(
      {
        organization: string(),
        api: string(),
        tokenRef: secretRef(),
        appSecretName: string(),
        allBranches: boolean(),
        excludeArchivedRepos: boolean(),
      },
      { required: ['organization'] },
    ),
    gitlab: object(
      {
        group: string(),
        includeSubgroups: boolean(),
        api: string(),
        tokenRef: secretRef(),
        allBranches: boolean(),
        insecure: boolean(),
        includeSharedProjects: boolean(),
        topic: string(),
        caRef: configMapKeyRef(),
        includeArchivedRepos: boolean(),
      },
      { required: ['group'] },
    ),
    gitea: object(
      {
        owner: string(),
        api: string(),
        tokenRef: secretRef(),
        allBranches: boolean(),
        insecure: boolean(),
        excludeArchivedRepos: boolean(),
      },
      { required: ['api', 'owner'] },
    ),
    bitbucket: object(
      { owner: string(), user: string(), appPasswordRef: secretRef(), allBranches: boolean() },
      { required: ['owner', 'user'] },
    ),
    bitbucketServer: object(
      {
        project: string(),
        api: string(),
        basicAuth: basicAuth(),
        bearerToken: bearerToken(),
        allBranches: boolean(),
        insecure: boolean(),
        caRef: configMapKeyRef(),
      },
      { required: ['api', 'project'] },
    ),
    azureDevOps: object(
      {
        organization: string(),
        api: string(),
        teamProject: string(),
        accessTokenRef: secretRef(),
        allBranches: boolean(),
      },
      { required: ['organization', 'teamProject'] },
    ),
    awsCodeCommit: object({
      tagFilters: array(object({ key: string(), value: string() }, { required: ['key'] })),
      role: string(),
      region: string(),
      allBranches: boolean(),
    }),
    filters: array(
      object({
        repositoryMatch: string(),
        pathsExist: stringList(),
        pathsDoNotExist: stringList(),
        labelMatch: string(),
        branchMatch: string(),
      }),
    ),
    cloneProtocol: string(),
    requeueAfterSeconds: int64(),
    ...common(style),
  });

const pullRequestGenerator = (style: TemplateStyle): OpenApiSchema =>
  object({
    github: object(
      {
        owner: string(),
        repo: string(),
        api: string(),
        tokenRef: secretRef(),
        appSecretName: string(),
        labels: stringList(),
      },
      { required: ['owner', 'repo'] },
    ),
    gitlab: object(
      {
        project: string(),
        api: string(),
        tokenRef: secretRef(),
        labels: stringList(),
        pullRequestState: string(),
        insecure: boolean(),
        caRef: configMapKeyRef(),
      },
      { required: ['project'] },
    ),
    gitea: object(
      {
        owner: string(),
        repo: string(),
        api: string(),
        tokenRef: secretRef(),
        insecure: boolean(),
        labels: stringList(),
      },
      { required: ['api', 'owner', 'repo'] },
    ),
    bitbucketServer: object(
      {
        project: string(),
        repo: string(),
        api: string(),
        basicAuth: basicAuth(),
        bearerToken: bearerToken(),
        insecure: boolean(),
        caRef: configMapKeyRef(),
      },
      { required: ['api', 'project', 'repo'] },
    ),
    bitbucket: object(
      { owner: string(), repo: string(), api: string(), basicAuth: basicAuth(), bearerToken: bearerToken() },
      { required: ['owner', 'repo'] },
    ),
    azuredevops: object(
      {
        organization: string(),
        project: string(),
        repo: string(),
        api: string(),
        tokenRef: secretRef(),
        labels: stringList(),
      },
      { required: ['organization', 'project', 'repo'] },
    ),
    filters: array(object({ branchMatch: string(), targetBranchMatch: string(), titleMatch: string() })),
    continueOnRepoNotFoundError: boolean(),
    requeueAfterSeconds: int64(),
    ...common(style),
  });

const clusterDecisionResourceGenerator = (style: TemplateStyle): OpenApiSchema =>
  object(
    {
      configMapRef: string('ConfigMap holding apiVersion, kind, statusListKey and matchKey'),
      name: string(),
      labelSelector: labelSelector(),
      requeueAfterSeconds: int64(),
      ...common(style),
    },
    { required: ['configMapRef'] },
  );

const pluginGenerator = (style: TemplateStyle): OpenApiSchema =>
  object(
    {
      configMapRef: object({ name: string() }, { required: ['name'] }),
      input: object({ parameters: freeForm() }),
      requeueAfterSeconds: int64(),
      ...common(style),
    },
    { required: ['configMapRef'] },
  );

/** The generators every level shares. */
const leafGenerators = (style: TemplateStyle): Record<string, OpenApiSchema> => ({
  list: listGenerator(style),
  clusters: clusterGenerator(style),
  git: gitGenerator(style),
  scmProvider: scmProviderGenerator(style),
  clusterDecisionResource: clusterDecisionResourceGenerator(style),
  pullRequest: pullRequestGenerator(style),
  plugin: pluginGenerator(style),
  selector: labelSelector('Post-filter on the generated parameters'),
});

/** A generator inside matrix/merge; a matrix/merge below it is kept as raw JSON, as in Argo CD. */
const nestedGenerator = (): OpenApiSchema =>
  object({ ...leafGenerators('raw'), matrix: freeForm(), merge: freeForm() });

export const applicationSetGenerator = (): OpenApiSchema =>
  object({
    ...leafGenerators('typed'),
    matrix: object(
      { generators: array(nestedGenerator()), template: generatorTemplate('typed') },
      { required: ['generators'], description: 'Cartesian product of two generators' },
    ),
    merge: object(
      { generators: array(nestedGenerator()), mergeKeys: stringList(), template: generatorTemplate('typed') },
      { required: ['generators', 'mergeKeys'], description: 'Generators merged by mergeKeys' },
    ),
  });

export const applicationSetSpec = (): OpenApiSchema =>
  object(
    {
      goTemplate: boolean('Render with Go text/template instead of fasttemplate'),
      goTemplateOptions: stringList('Go template options, e.g. missingkey=error'),
      generators: array(applicationSetGenerator()),
      template: applicationSetTemplate('The Application every parameter set renders'),
      templatePatch: string('Go template rendered per parameter set and merged into the Application'),
      syncPolicy: object({
        preserveResourcesOnDeletion: boolean(),
        applicationsSync: {
          ...string('What the controller may do to generated applications (default sync)'),
          enum: ['create-only', 'create-update', 'create-delete', 'sync'],
        },
      }),
      strategy: object({
        type: string('AllAtOnce or RollingSync'),
        rollingSync: object({
          steps: array(
            object({
              matchExpressions: array(object({ key: string(), operator: string(), values: stringList() })),
              maxUpdate: intOrString('Maximum applications updated at once in this step (number or percentage)'),
            }),
          ),
        }),
        deletionOrder: string('AllAtOnce or Reverse'),
      }),
      preservedFields: object({ annotations: stringList(), labels: stringList() }),
      ignoreApplicationDifferences: array(
        object({ name: string(), jsonPointers: stringList(), jqPathExpressions: stringList() }),
      ),
      applyNestedSelectors: boolean('Deprecated: nested selectors are always applied'),
    },
    { required: ['generators', 'template'] },
  );

export const applicationSetStatus = (): OpenApiSchema =>
  object({
    conditions: array(
      object(
        { type: string(), message: string(), lastTransitionTime: dateTime(), status: string(), reason: string() },
        { required: ['message', 'reason', 'status', 'type'] },
      ),
    ),
    applicationStatus: array(
      object(
        {
          application: string(),
          lastTransitionTime: dateTime(),
          message: string(),
          status: string('Waiting, Pending, Progressing or Healthy'),
          step: string(),
          targetRevisions: stringList(),
        },
        { required: ['application', 'message', 'status', 'step', 'targetRevisions'] },
      ),
    ),
    resources: array(resourceStatus()),
    resourcesCount: int64(),
    health: healthStatus(),
  });
