import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { withTimeout } from '../../common/with-timeout';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { PluginHost } from '../../plugins/plugin-host.service';
import { ChartCache } from '../charts';
import { egressPolicy } from '../egress';
import { GitCache } from '../git';
import { RepoAccessResolver } from '../repo-access.service';
import { ManifestCache } from './manifest-cache';
import { ManifestGenerationError, ManifestGenerator } from './manifest-generator';
import { type ManifestRequest, type ManifestResponse } from './manifest-request';
import { PluginRenderHost } from './plugin-render-host';
import { renderSettings } from './render-settings';
import { RepoSourceWorkspaces } from './repo-source-workspaces';

/** Where git mirrors, checkouts and charts live on this repo-server. */
export function repoCacheDir(config: KernelConfig): string {
  return (
    config.repo.cacheDir ??
    (config.dataDir ? join(config.dataDir, 'repo-cache') : join(tmpdir(), `driftless-repo-cache-${config.namespace}`))
  );
}

/**
 * Manifest generation in this process (the repo-server role's engine): the
 * generator wired to the git and chart caches, the renderer plugins, the
 * Redis manifest cache and the settings ConfigMaps, with the per-generation
 * timeout.
 */
@Injectable()
export class ManifestService {
  readonly generator: ManifestGenerator;
  readonly git: GitCache;

  constructor(
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    cache: ManifestCache,
    plugins: PluginHost,
    access: RepoAccessResolver,
    configMaps: SettingsConfigMaps,
  ) {
    const root = repoCacheDir(config);
    const timeoutMs = config.repo.manifestTimeoutSeconds * 1000;
    const egress = { policy: egressPolicy(config.repo.egress) };
    this.git = new GitCache({
      egress,
      root: join(root, 'git'),
      // file:// repositories: on in local mode (your own disk), off elsewhere unless set.
      allowFileUrls: config.repo.allowFileUrls ?? cluster.source === 'embedded',
      timeoutMs,
    });
    const charts = new ChartCache({ root: join(root, 'charts'), timeoutMs, egress });
    this.generator = new ManifestGenerator({
      sources: new RepoSourceWorkspaces(this.git, charts, (url, project) => access.resolve(url, project)),
      host: new PluginRenderHost(plugins),
      cache,
      settings: async () =>
        renderSettings({
          argocdCm: await configMaps.data('argocd-cm'),
          cmdParams: await configMaps.data('argocd-cmd-params-cm'),
          cmpCm: await configMaps.data('argocd-cmp-cm'),
        }),
      controlNamespace: config.namespace,
      limits: { maxManifests: config.repo.maxManifests, maxBytes: config.repo.maxManifestBytes },
      // Beside the checkouts: the runners' container reads the repo cache, never the kernel's temp dir.
      needsDir: join(root, 'needs'),
    });
  }

  async generate(request: ManifestRequest): Promise<ManifestResponse> {
    const timeoutMs = this.config.repo.manifestTimeoutSeconds * 1000;
    try {
      return await withTimeout(this.generator.generate(request), timeoutMs);
    } catch (error) {
      if (error instanceof ManifestGenerationError) throw error;
      throw new ManifestGenerationError(
        `application ${request.app.namespace}/${request.app.name}: manifest generation took longer than ${this.config.repo.manifestTimeoutSeconds} s (DRIFTLESS_MANIFEST_TIMEOUT)`,
      );
    }
  }
}
