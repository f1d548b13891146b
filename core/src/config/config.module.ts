import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type KernelConfig } from './config.schema';

/** Injection token for the validated KernelConfig. */
export const KERNEL_CONFIG = Symbol('KERNEL_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: KernelConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: KERNEL_CONFIG, useValue: config }],
      exports: [KERNEL_CONFIG],
    };
  }
}
