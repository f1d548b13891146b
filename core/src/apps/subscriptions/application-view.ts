// An Application's API model with a fingerprint of what the Application type
// can show (its own fields, and spec, labels, annotations and the status
// fields its field resolvers read), built once per stored object (the index
// replaces the object when it changes) and shared by every subscriber:
// "did anything visible change" is a string comparison. Left out: bookkeeping
// (resourceVersion, managedFields, observedAt, …) and reconciledAt, which
// every comparison moves; it goes out with the next real change.
import { type Application } from '@driftless/schema';
import { toApplicationModel } from '../application-summary';
import { type ApplicationModel } from '../models/application.model';

export interface ApplicationView {
  model: ApplicationModel;
  fingerprint: string;
}

const SHOWN_STATUS_FIELDS = [
  'sync',
  'health',
  'operationState',
  'conditions',
  'history',
  'resources',
  'summary',
  'sourceType',
  'sourceTypes',
] as const;

const views = new WeakMap<Application, ApplicationView>();

export function applicationView(application: Application): ApplicationView {
  let view = views.get(application);
  if (!view) {
    const model = toApplicationModel(application);
    view = { model, fingerprint: fingerprint(model, application) };
    views.set(application, view);
  }
  return view;
}

function fingerprint(model: ApplicationModel, application: Application): string {
  const { stored: _stored, ...fields } = model;
  const status = (application.status ?? {}) as Record<string, unknown>;
  return JSON.stringify({
    fields,
    spec: application.spec,
    labels: application.metadata.labels ?? {},
    annotations: application.metadata.annotations ?? {},
    operationRequested: application.operation !== undefined,
    status: SHOWN_STATUS_FIELDS.map((field) => status[field] ?? null),
  });
}
