import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { type KernelConfig } from '../config/config.schema';
import { assertKubernetesReachable, type ClusterConnection } from '../kube/cluster-connection';
import { assertRedisReachable } from '../redis/redis-preflight';
import { KernelModule } from './kernel.module';
import { defaultPort, type Role } from './roles';

export interface StartKernelOptions {
  config: KernelConfig;
  cluster: ClusterConnection;
  roles: readonly Role[];
  /** Overrides config.address / the role's default port; 0 picks a free port. */
  address?: string;
  port?: number;
}

export interface RunningKernel {
  app: INestApplication;
  /** Base URL the process listens on, e.g. http://127.0.0.1:8080 */
  url: string;
  kubernetesVersion: string;
  stop(): Promise<void>;
}

/**
 * Checks Redis and Kubernetes first (each failure is one clear line), then
 * starts the Nest application for the given roles and listens.
 */
export async function startKernel(options: StartKernelOptions): Promise<RunningKernel> {
  const { config, cluster, roles } = options;
  await assertRedisReachable(config.redisUrl);
  const kubernetesVersion = await assertKubernetesReachable(cluster);

  const app = await NestFactory.create(KernelModule.forRoles({ config, cluster, roles }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Express hashes every response body for a weak ETag; no API answer is served conditionally,
  // and for a GraphQL page that hash was 2% of the request.
  (app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void }).set('etag', false);
  const address = options.address ?? config.address;
  const port = options.port ?? config.port ?? defaultPort(roles);
  try {
    await app.listen(port, address);
  } catch (error) {
    await app.close();
    throw error;
  }
  const bound = (app.getHttpServer() as Server).address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    app,
    url: `http://${host}:${bound.port}`,
    kubernetesVersion,
    stop: () => app.close(),
  };
}
