import { type DynamicModule, Module } from '@nestjs/common';
import { join } from 'node:path';
import { ApiModule } from '../api/api.module';
import { AppsModule } from '../apps/apps.module';
import { ClustersModule } from '../clusters/clusters.module';
import { ConfigModule } from '../config/config.module';
import { ControllerModule } from '../controller/controller.module';
import { type KernelConfig } from '../config/config.schema';
import { EventsModule } from '../events/events.module';
import { type ClusterConnection } from '../kube/cluster-connection';
import { KubeModule } from '../kube/kube.module';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PluginsApiModule } from '../plugins/api/plugins-api.module';
import { defaultBuiltinsDir, defaultToolDirs } from '../plugins/builtin-discovery';
import { PluginsModule } from '../plugins/plugins.module';
import { ProbesModule } from '../probes/probes.module';
import { ProjectsModule } from '../projects/projects.module';
import { RedisModule } from '../redis/redis.module';
import { ManifestsModule } from '../repo/manifests/manifests.module';
import { RepoModule } from '../repo/repo.module';
import { KERNEL_ROLES, RoleLifecycle } from './role-lifecycle.service';
import { type Role } from './roles';

export interface KernelModuleOptions {
  config: KernelConfig;
  cluster: ClusterConnection;
  roles: readonly Role[];
}

/** The root module: shared infrastructure for every role, plus the modules of the roles asked for. */
@Module({})
export class KernelModule {
  static forRoles({ config, cluster, roles }: KernelModuleOptions): DynamicModule {
    const roleModules: DynamicModule[] = [];
    if (roles.includes('server'))
      roleModules.push(
        ApiModule.forRoot(config),
        { module: AppsModule },
        { module: PluginsApiModule },
        { module: RepoModule },
        { module: ClustersModule },
        { module: ProjectsModule },
      );
    if (roles.includes('controller')) roleModules.push({ module: ControllerModule });
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
