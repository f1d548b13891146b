import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type ClusterConnection } from './cluster-connection';
import { SettingsConfigMaps } from './settings-config-maps.service';

import { CONTROL_PLANE_CLUSTER } from './control-plane-token';

export { CONTROL_PLANE_CLUSTER };

@Global()
@Module({})
export class KubeModule {
  static forRoot(connection: ClusterConnection): DynamicModule {
    return {
      module: KubeModule,
      providers: [{ provide: CONTROL_PLANE_CLUSTER, useValue: connection }, SettingsConfigMaps],
      exports: [CONTROL_PLANE_CLUSTER, SettingsConfigMaps],
    };
  }
}
