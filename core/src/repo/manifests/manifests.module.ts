import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { RedisConnections } from '../../redis/redis-connections.service';
import { RepoAccessResolver } from '../repo-access.service';
import { RepositorySecrets } from '../repository-secrets.service';
import { ManifestCache } from './manifest-cache';
import { ManifestClient } from './manifest-client.service';
import { ManifestWorker } from './manifest-worker.service';
import { ManifestService } from './manifest.service';

/**
 * Manifest generation. Every role gets the client (ask through the queue);
 * the repo-server role also runs the generator and the queue worker.
 */
@Module({})
export class ManifestsModule {
  static forRoles(options: { repoServer: boolean }): DynamicModule {
    return {
      module: ManifestsModule,
      // The manifest client serves the controller and the API alike.
      global: true,
      providers: [
        RepositorySecrets,
        RepoAccessResolver,
        {
          provide: ManifestCache,
          inject: [KERNEL_CONFIG, RedisConnections],
          useFactory: (config: KernelConfig, redis: RedisConnections) =>
            new ManifestCache(redis.create('manifest-cache'), {
              prefix: `driftless:${config.namespace}:manifests:`,
              ttlSeconds: 24 * 60 * 60,
              onCorrupt: (key) =>
                new Logger('ManifestCache').warn(`entry ${key} failed its integrity check; rendering again`),
            }),
        },
        ManifestClient,
        ...(options.repoServer ? [ManifestService, ManifestWorker] : []),
      ],
      exports: [ManifestClient, ManifestCache, ...(options.repoServer ? [ManifestService] : [])],
    };
  }
}
