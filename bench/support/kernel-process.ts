// Child process of the controller benchmark: a kernel with the given roles
// (the repo-server), so the measured controller's memory and event loop are
// its own.
import { KubeConfig } from '@kubernetes/client-node';
import { loadConfig } from '../../core/src/config/config.schema';
import { type Role } from '../../core/src/kernel/roles';
import { startKernel } from '../../core/src/kernel/start-kernel';
import { describeConnection } from '../../core/src/kube/cluster-connection';

interface Options {
  kubeconfig: string;
  env: Record<string, string>;
  roles: Role[];
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Options;
  // Libraries read NODE_ENV from the process (graphql-js skips its development checks in production).
  if (options.env.NODE_ENV) process.env.NODE_ENV = options.env.NODE_ENV;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(options.kubeconfig);
  const kernel = await startKernel({
    config: loadConfig(options.env),
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    roles: options.roles,
    address: '127.0.0.1',
    port: 0,
  });
  process.send?.({ type: 'ready', url: kernel.url });
  process.on('message', () => {
    void kernel.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
