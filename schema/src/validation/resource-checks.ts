/** Everything checked on one parsed object, with paths as segments (the YAML locator needs them). */
import { ARGOPROJ_GROUP } from '../crd/crd-definitions';
import type { Path } from './json-path';
import { pruneNulls } from './prune-nulls';
import { checkAppProject } from './rules/app-project-rules';
import { checkArgoAnnotations } from './rules/annotation-rules';
import { checkApplicationSpec, checkNullAutomated } from './rules/application-rules';
import { checkApplicationSet } from './rules/application-set-rules';
import { checkMetadata } from './rules/metadata-rules';
import { asRecord, error, type Issues } from './rules/rule-kit';
import { checkAgainstCrd, knownKinds } from './schema-validator';
import type { RawIssue } from './schema-messages';
import { closestName } from './suggest';

/**
 * Kinds of the other Argo projects (Rollouts, Workflows, Events) and of Argo CD's plugin config,
 * which share the argoproj.io group but have no CRD here: they are not reported as unknown.
 */
const OTHER_ARGOPROJ_KINDS = new Set([
  'ConfigManagementPlugin',
  'Rollout',
  'AnalysisTemplate',
  'ClusterAnalysisTemplate',
  'AnalysisRun',
  'Experiment',
  'Workflow',
  'WorkflowTemplate',
  'ClusterWorkflowTemplate',
  'CronWorkflow',
  'WorkflowEventBinding',
  'WorkflowTaskSet',
  'WorkflowTaskResult',
  'WorkflowArtifactGCTask',
  'EventBus',
  'EventSource',
  'Sensor',
]);

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'an empty document';
  return typeof value === 'object' ? 'a mapping' : `the ${typeof value} ${JSON.stringify(value)}`;
}

export function checkResource(value: unknown, base: Path = []): RawIssue[] {
  const resource = asRecord(value);
  if (resource === undefined) {
    return [
      error(
        base,
        `expected a Kubernetes object (a mapping with apiVersion, kind and metadata) but found ${describeKind(value)}`,
      ),
    ];
  }
  const issues: Issues = [];
  const { apiVersion, kind } = resource;
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    issues.push(error(base, "required property 'apiVersion' is missing; e.g. apiVersion: argoproj.io/v1alpha1"));
  }
  if (typeof kind !== 'string' || kind === '') {
    issues.push(error(base, "required property 'kind' is missing; e.g. kind: Application"));
  }
  if (issues.length > 0 || typeof apiVersion !== 'string' || typeof kind !== 'string') return issues;

  if (kind.endsWith('List') && Array.isArray(resource.items)) {
    return resource.items.flatMap((item, index) => checkResource(item, [...base, 'items', index]));
  }
  const prefix = (found: Issues): Issues => found.map((issue) => ({ ...issue, path: [...base, ...issue.path] }));
  issues.push(...prefix(rawDocumentChecks(kind, resource)));
  const pruned = pruneNulls(resource) as Record<string, unknown>;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  issues.push(
    ...prefix(checkMetadataName(pruned)),
    ...prefix(checkMetadata(pruned, group === ARGOPROJ_GROUP)),
    ...prefix(checkArgoAnnotations(pruned)),
  );
  if (group === ARGOPROJ_GROUP) issues.push(...prefix(checkArgoprojResource(apiVersion, kind, pruned)));
  return issues;
}

/** Checks that need the document as written, before the API server's null pruning. */
function rawDocumentChecks(kind: string, resource: Record<string, unknown>): Issues {
  if (kind === 'Application') return checkNullAutomated(asRecord(resource.spec), ['spec']);
  if (kind === 'ApplicationSet') {
    return checkNullAutomated(asRecord(asRecord(asRecord(resource.spec)?.template)?.spec), [
      'spec',
      'template',
      'spec',
    ]);
  }
  return [];
}

function checkMetadataName(resource: Record<string, unknown>): Issues {
  if (resource.metadata === undefined) {
    return [error([], "required property 'metadata' is missing; every object needs metadata.name")];
  }
  const metadata = asRecord(resource.metadata);
  if (metadata === undefined || metadata.name !== undefined || metadata.generateName !== undefined) return [];
  return [error(['metadata'], "required property 'name' is missing; every object needs metadata.name")];
}

function checkArgoprojResource(apiVersion: string, kind: string, resource: Record<string, unknown>): Issues {
  const schemaIssues = checkAgainstCrd(apiVersion, kind, resource);
  if (schemaIssues === undefined) return unknownKind(apiVersion, kind);
  return [...schemaIssues, ...kindRules(kind, resource)];
}

function unknownKind(apiVersion: string, kind: string): Issues {
  if (OTHER_ARGOPROJ_KINDS.has(kind)) return [];
  // Only Argo CD's own group: Driftless's Plugin (driftless.io) is no hint for an argoproj.io kind.
  const kinds = new Map([...knownKinds()].filter(([served]) => served.startsWith(`${ARGOPROJ_GROUP}/`)));
  const versions = [...kinds.entries()].filter(([, names]) => names.includes(kind)).map(([version]) => version);
  if (versions.length > 0) {
    return [
      error(['apiVersion'], `${kind} is served as ${versions.join(' or ')}, not ${apiVersion}; change apiVersion`),
    ];
  }
  const allKinds = [...new Set([...kinds.values()].flat())];
  const suggestion = closestName(kind, allKinds);
  const hint = suggestion === undefined ? `Argo CD kinds are ${allKinds.join(', ')}` : `did you mean '${suggestion}'?`;
  return [error(['kind'], `unknown kind '${kind}' in the ${ARGOPROJ_GROUP} API group; ${hint}`)];
}

function kindRules(kind: string, resource: Record<string, unknown>): Issues {
  switch (kind) {
    case 'Application': {
      const spec = asRecord(resource.spec);
      return spec === undefined ? [] : checkApplicationSpec(spec, ['spec'], { complete: true });
    }
    case 'AppProject':
      return checkAppProject(resource);
    case 'ApplicationSet':
      return checkApplicationSet(resource);
    default:
      return [];
  }
}
