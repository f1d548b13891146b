// `Application.manifests(revision)`: what the app renders to at a revision
// (default: its target), asked of the repo-server role through the
// `manifests` queue exactly as the controller asks (manifestRequestsFor), with
// the destination's Kubernetes version and APIs. Secrets come back masked. A
// render the user can fix (bad revision, bad path) is BAD_USER_INPUT with the
// repo-server's message.
import { Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { badInput } from '../../auth/graphql/auth-errors';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { ApplicationSpecError, manifestRequestsFor } from '../../repo/manifests/application-requests';
import { ManifestClient } from '../../repo/manifests/manifest-client.service';
import { ManifestGenerationError } from '../../repo/manifests/manifest-generator-error';
import { type ApplicationManifestsModel } from './application-manifests.model';
import { DestinationClusters } from './destination-cluster.service';
import { maskSecretData } from './mask-secret-data';
import { withRevision } from './revision-override';

@Injectable()
export class ApplicationManifests {
  constructor(
    private readonly manifests: ManifestClient,
    private readonly destinations: DestinationClusters,
    private readonly settings: SettingsConfigMaps,
  ) {}

  async render(app: Application, revision: string | null): Promise<ApplicationManifestsModel> {
    const target = withRevision(app, revision);
    if ('error' in target) throw badInput(target.error);
    const destination = await this.destinations.resolve(app);
    if ('error' in destination) throw badInput(destination.error);
    try {
      const versions = await this.destinations.versions(destination);
      const requests = manifestRequestsFor(target.app, {
        destinationServer: destination.cluster.server,
        kubeVersion: versions.kubeVersion,
        apiVersions: versions.apiVersions,
        argocdCm: await this.settings.data('argocd-cm'),
      });
      const renders = await Promise.all(requests.map((request) => this.manifests.generate(request)));
      return {
        manifests: renders.flatMap((render) =>
          render.manifests.map((object) => JSON.stringify(maskSecretData(object))),
        ),
        revisions: renders.map((render) => render.revision),
        sourceTypes: renders.map((render) => render.sourceType),
      };
    } catch (error) {
      if (error instanceof ManifestGenerationError || error instanceof ApplicationSpecError)
        throw badInput(error.message);
      throw error;
    }
  }
}
