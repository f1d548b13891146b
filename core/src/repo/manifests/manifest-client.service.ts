import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { bullOptions } from '../../queue/bull-options';
import { QueueNames } from '../../queue/queue-names';
import { RedisConnections } from '../../redis/redis-connections.service';
import { ManifestCache } from './manifest-cache';
import { ManifestGenerationError } from './manifest-generator';
import { type ManifestJobData, type ManifestJobResult } from './manifest-queue';
import { type ManifestRequest, type ManifestResponse } from './manifest-request';

/**
 * Asks a repo-server (any process with that role, through the `manifests`
 * queue) for manifests and reads the answer from the manifest cache. Used by
 * controllers and API servers.
 */
@Injectable()
export class ManifestClient implements OnApplicationShutdown {
  private readonly queue: Queue<ManifestJobData, ManifestJobResult>;
  private readonly events: QueueEvents;

  constructor(
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    private readonly cache: ManifestCache,
    connections: RedisConnections,
  ) {
    this.queue = new Queue<ManifestJobData, ManifestJobResult>(
      QueueNames.manifests,
      bullOptions(config, connections, 'manifests'),
    );
    this.events = new QueueEvents(QueueNames.manifests, bullOptions(config, connections, 'manifest-events'));
    // Every waiting generation listens for the queue closing: a controller has many in flight.
    this.queue.setMaxListeners(0);
    this.events.setMaxListeners(0);
  }

  async generate(request: ManifestRequest): Promise<ManifestResponse> {
    await this.events.waitUntilReady();
    const job = await this.queue.add('generate', request, {
      removeOnComplete: { age: 300, count: 10_000 },
      removeOnFail: { age: 3_600, count: 10_000 },
    });
    let result: ManifestJobResult;
    try {
      // The repo-server times a generation out itself; allow for queueing on top.
      result = await job.waitUntilFinished(this.events, (this.config.repo.manifestTimeoutSeconds + 60) * 1000);
    } catch (error) {
      throw new ManifestGenerationError(error instanceof Error ? error.message : String(error));
    }
    const render = await this.cache.getRender(result.revisionKey);
    if (!render)
      throw new ManifestGenerationError(
        `application ${request.app.namespace}/${request.app.name}: the rendered manifests left the cache before they were read — retry`,
      );
    return { ...render, cache: result.cache, revisionKey: result.revisionKey };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }
}
