// From what a client sends to the Application the API writes, and which
// changes a patch may make. Pure: the CRD schema check is @driftless/schema's
// validator (unknown fields are errors), Argo CD's own rules included.
import { type Application } from '@driftless/schema';
import { formatIssue, validateResource } from '@driftless/schema';

/** A request the API refuses as BAD_USER_INPUT, with one readable line. */
export class InputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputProblem';
  }
}

export interface ApplicationInputValue {
  metadata: {
    name: string;
    namespace?: string | null | undefined;
    labels?: Record<string, unknown> | null | undefined;
    annotations?: Record<string, unknown> | null | undefined;
    finalizers?: string[] | null | undefined;
  };
  spec: Record<string, unknown>;
}

function stringMap(
  value: Record<string, unknown> | null | undefined,
  what: string,
): Record<string, string> | undefined {
  if (value === null || value === undefined) return undefined;
  for (const [key, item] of Object.entries(value))
    if (typeof item !== 'string') throw new InputProblem(`metadata.${what}[${JSON.stringify(key)}] must be a string`);
  return value as Record<string, string>;
}

/** Schema errors (not warnings) of a whole Application, as one line; undefined when there are none. */
export function schemaProblem(app: Application): string | undefined {
  const errors = validateResource(app).filter((issue) => issue.severity === 'error');
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 3).map((issue) => formatIssue(issue));
  return `invalid application: ${shown.join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`;
}

/** The Application an input describes, in `namespace`; throws InputProblem when it is not a valid one. */
export function applicationFromInput(input: ApplicationInputValue, namespace: string): Application {
  const labels = stringMap(input.metadata.labels, 'labels');
  const annotations = stringMap(input.metadata.annotations, 'annotations');
  const finalizers = input.metadata.finalizers ?? undefined;
  const app = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: input.metadata.name,
      namespace,
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
      ...(finalizers ? { finalizers } : {}),
    },
    spec: { ...input.spec, project: typeof input.spec.project === 'string' ? input.spec.project : 'default' },
  } as unknown as Application;
  const problem = schemaProblem(app);
  if (problem !== undefined) throw new InputProblem(problem);
  return app;
}

/** What a client may change on a stored Application: spec, labels, annotations, finalizers (Argo CD's updateApp). */
export interface EditableParts {
  spec: Application['spec'];
  labels: Record<string, string> | undefined;
  annotations: Record<string, string> | undefined;
  finalizers: string[] | undefined;
}

export const editablePartsOf = (app: Application): EditableParts => ({
  spec: app.spec,
  labels: app.metadata.labels,
  annotations: app.metadata.annotations,
  finalizers: app.metadata.finalizers,
});

/** `stored` with its editable parts replaced; everything else (status, operation, bookkeeping) kept as stored. */
export function withEditableParts(stored: Application, parts: EditableParts): Application {
  const { labels, annotations, finalizers, ...metadata } = stored.metadata;
  void labels;
  void annotations;
  void finalizers;
  return {
    ...stored,
    metadata: {
      ...metadata,
      ...(parts.labels && Object.keys(parts.labels).length > 0 ? { labels: parts.labels } : {}),
      ...(parts.annotations && Object.keys(parts.annotations).length > 0 ? { annotations: parts.annotations } : {}),
      ...(parts.finalizers && parts.finalizers.length > 0 ? { finalizers: parts.finalizers } : {}),
    },
    spec: parts.spec,
  };
}

/** Server bookkeeping the API server itself moves on a (dry-run) write. */
const BOOKKEEPING = new Set(['resourceVersion', 'generation', 'managedFields']);

function lockedView(app: Application): unknown {
  const { spec, metadata, ...rest } = app;
  void spec;
  const lockedMetadata = Object.fromEntries(
    Object.entries(metadata).filter(
      ([key]) => !BOOKKEEPING.has(key) && key !== 'labels' && key !== 'annotations' && key !== 'finalizers',
    ),
  );
  return { ...rest, metadata: lockedMetadata };
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );

/**
 * Refuses a patch result that changes anything but the editable parts: a
 * patch may not write `status`, `operation` (start one with syncApplication),
 * the name or other server-managed fields (security.md BI-RBAC-2).
 */
export function assertOnlyEditableChanges(stored: Application, patched: Application): void {
  if (canonical(lockedView(stored)) !== canonical(lockedView(patched)))
    throw new InputProblem(
      'a patch may change only spec, metadata.labels, metadata.annotations and metadata.finalizers (start an operation with syncApplication)',
    );
}
