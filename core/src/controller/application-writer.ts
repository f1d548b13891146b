// The controller's two writes to an Application: its status (a JSON patch of
// the fields a refresh owns) and the removal of the refresh annotation when a
// requested refresh starts. Both return the object as stored.
import { type Application } from '@driftless/schema';
import { type KubeHttp } from '../kube/kube-http';
import { REFRESH_ANNOTATION } from './application-store';
import { type JsonPatchOperation } from './status/status-patch';

function pathOf(app: Application): string {
  const { namespace = '', name = '' } = app.metadata;
  return `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications/${encodeURIComponent(name)}`;
}

export class ApplicationWriter {
  constructor(private readonly http: KubeHttp) {}

  patchStatus(app: Application, operations: readonly JsonPatchOperation[]): Promise<Application> {
    return this.http.sendJson<Application>('PATCH', pathOf(app), operations, 'application/json-patch+json');
  }

  clearRefreshAnnotation(app: Application): Promise<Application> {
    return this.http.sendJson<Application>(
      'PATCH',
      pathOf(app),
      { metadata: { annotations: { [REFRESH_ANNOTATION]: null } } },
      'application/merge-patch+json',
    );
  }
}
