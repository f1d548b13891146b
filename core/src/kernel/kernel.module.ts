import { type DynamicModule, Module } from '@nestjs/common';
import { join } from 'node:path';
import { ConfigModule } from '../config/config.module';
import { ControllerModule } from '../controller/controller.module';
import { type KernelConfig } from '../config/config.schema';
import { EventsModule } from '../events/events.module';
import { type ClusterConnection } from '../kube/cluster-connection';
import { KubeModule } from '../kube/kube.module';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { defaultBuiltinsDir, defaultToolDirs } from '../plugins/builtin-discovery';
import { PluginsModule } from '../plugins/plugins.module';
import { ProbesModule } from '../probes/probes.module';
import { RedisModule } from '../redis/redis.module';
import { ManifestsModule } from '../repo/manifests/manifests.module';
import { KERNEL_ROLES, RoleLifecycle } from './role-lifecycle.service';
import { type Role } from './roles';

export interface KernelModuleOptions {
  config: KernelConfig;
  cluster: ClusterConnection;
  roles: readonly Role[];
}

/**
 * The API server's modules, loaded only for that role: GraphQL (Apollo, @nestjs/graphql and every
 * resolver) costs a controller- or repo-server-only process some 60 MiB it would never use.
 */
function serverModules(config: KernelConfig): DynamicModule[] {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see above */
  const { ApiModule } = require('../api/api.module') as typeof import('../api/api.module');
  const { AppsModule } = require('../apps/apps.module') as typeof import('../apps/apps.module');
  const { AppSetsModule } = require('../appsets/appsets.module') as typeof import('../appsets/appsets.module');
  const { AuthModule } = require('../auth/auth.module') as typeof import('../auth/auth.module');
  const { ClustersApiModule } =
    require('../clusters/api/clusters-api.module') as typeof import('../clusters/api/clusters-api.module');
  const { PluginsApiModule } =
    require('../plugins/api/plugins-api.module') as typeof import('../plugins/api/plugins-api.module');
  const { ProjectsModule } = require('../projects/projects.module') as typeof import('../projects/projects.module');
  const { RepoModule } = require('../repo/repo.module') as typeof import('../repo/repo.module');
  const { WebhooksModule } = require('../webhooks/webhooks.module') as typeof import('../webhooks/webhooks.module');
  const { BadgeModule } = require('../badge/badge.module') as typeof import('../badge/badge.module');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return [
    { module: AuthModule },
    ApiModule.forRoot(config),
    { module: AppsModule },
    { module: AppSetsModule },
    { module: PluginsApiModule },
    { module: RepoModule },
    { module: ClustersApiModule },
    { module: ProjectsModule },
    { module: WebhooksModule },
    { module: BadgeModule },
  ];
}

/** The root module: shared infrastructure for every role, plus the modules of the roles asked for. */
@Module({})
export class KernelModule {
  static forRoles({ config, cluster, roles }: KernelModuleOptions): DynamicModule {
    const roleModules: DynamicModule[] = [];
    if (roles.includes('server')) roleModules.push(...serverModules(config));
    if (roles.includes('controller')) roleModules.push({ module: ControllerModule });
    if (roles.includes('controller')) roleModules.push({ module: NotificationsModule });
    return {
      module: KernelModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, roles.join('+')),
        RedisModule,
        KubeModule.forRoot(cluster),
        MetricsModule,
        EventsModule,
        ProbesModule,
        PluginsModule.forRoot({
          builtinsDir: defaultBuiltinsDir(),
          toolDirs: defaultToolDirs(),
          ...(config.dataDir ? { storeDir: join(config.dataDir, 'plugins') } : {}),
        }),
        ManifestsModule.forRoles({ repoServer: roles.includes('repo-server') }),
        ...roleModules,
      ],
      providers: [{ provide: KERNEL_ROLES, useValue: roles }, RoleLifecycle],
    };
  }
}
