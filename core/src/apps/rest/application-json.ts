// The Application JSON Argo CD's REST API returns: the stored resource, with
// apiVersion and kind, minus the server's field bookkeeping.
import { type Application } from '@driftless/schema';

export function applicationJson(application: Application): Application {
  const { managedFields: _managedFields, ...metadata } = application.metadata as Application['metadata'] & {
    managedFields?: unknown;
  };
  return { ...application, apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata };
}
