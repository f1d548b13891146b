import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type ClusterConnection } from './cluster-connection';

/** Injection token for the control-plane cluster connection (where Applications live). */
export const CONTROL_PLANE_CLUSTER = Symbol('CONTROL_PLANE_CLUSTER');

@Global()
@Module({})
export class KubeModule {
  static forRoot(connection: ClusterConnection): DynamicModule {
    return {
      module: KubeModule,
      providers: [{ provide: CONTROL_PLANE_CLUSTER, useValue: connection }],
      exports: [CONTROL_PLANE_CLUSTER],
    };
  }
}
