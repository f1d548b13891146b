// Argo CD creates the `default` AppProject when it is missing: every app may
// use it, and it permits everything. The controller does the same at start.
import { KubeHttpError, type KubeHttp } from '../kube/kube-http';
import { defaultProject } from '../projects/enforcement';

export async function ensureDefaultProject(http: KubeHttp, namespace: string): Promise<void> {
  const collection = `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/appprojects`;
  try {
    await http.getJson(`${collection}/default`);
    return;
  } catch (error) {
    if (!(error instanceof KubeHttpError) || error.status !== 404) throw error;
  }
  try {
    await http.sendJson('POST', collection, defaultProject(namespace));
  } catch (error) {
    // Another replica created it first.
    if (!(error instanceof KubeHttpError) || error.status !== 409) throw error;
  }
}
