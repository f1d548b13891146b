// Starts the real kernel in-process against real Redis and an embedded
// cluster. Each test gets its own control-plane namespace, which also
// namespaces Redis channels and queues, so parallel suites do not interfere.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../core/src/config/config.schema';
import { type Role } from '../../core/src/kernel/roles';
import { startKernel, type RunningKernel } from '../../core/src/kernel/start-kernel';
import { type ClusterConnection } from '../../core/src/kube/cluster-connection';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueNamespace(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}

export async function startTestKernel(options: {
  cluster: ClusterConnection;
  namespace: string;
  roles?: Role[];
  /** Further environment variables of the kernel's configuration. */
  env?: Record<string, string>;
}): Promise<RunningKernel> {
  const config = loadConfig({
    REDIS_URL: redisUrl,
    DRIFTLESS_NAMESPACE: options.namespace,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...options.env,
  });
  return startKernel({
    config,
    cluster: options.cluster,
    roles: options.roles ?? ['server'],
    address: '127.0.0.1',
    port: 0,
  });
}
