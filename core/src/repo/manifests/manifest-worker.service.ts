import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { bullOptions } from '../../queue/bull-options';
import { QueueNames } from '../../queue/queue-names';
import { RedisConnections } from '../../redis/redis-connections.service';
import { ManifestCache } from './manifest-cache';
import { ManifestService } from './manifest.service';

/** As long as the git and chart caches reuse a resolution (see repo/git: 3 s per repository). */
const RESOLUTION_REUSE_MS = 3_000;
import { type ManifestJobData, type ManifestJobResult } from './manifest-queue';

/**
 * The repo-server role: takes `manifests` jobs, DRIFTLESS_REPO_PARALLELISM at
 * a time, and answers each with where its render is cached. A failed render
 * fails its job with one line naming the app; the worker carries on.
 */
@Injectable()
export class ManifestWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ManifestWorker');
  private worker: Worker<ManifestJobData, ManifestJobResult> | undefined;

  constructor(
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    private readonly manifests: ManifestService,
    private readonly cache: ManifestCache,
    private readonly connections: RedisConnections,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<ManifestJobData, ManifestJobResult>(
      QueueNames.manifests,
      async (job) => {
        const response = await this.manifests.generate(job.data);
        await this.cache.putResolved(job.data.source, response.revision, RESOLUTION_REUSE_MS);
        return { revisionKey: response.revisionKey, cache: response.cache };
      },
      {
        ...bullOptions(this.config, this.connections, 'manifest-worker'),
        concurrency: this.config.repo.parallelism,
      },
    );
    this.worker.on('failed', (job, error) => this.logger.warn(error.message));
    this.worker.on('error', (error) => this.logger.error(`manifest worker: ${error.message}`));
  }

  /** Stops taking jobs first, while the plugins and caches a render needs are still there. */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }
}
