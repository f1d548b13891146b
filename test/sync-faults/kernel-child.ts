// A kernel in a child process, so a fault test can kill it with SIGKILL (no
// shutdown hook runs, its Leases and BullMQ jobs are left as they were) or
// block its event loop while the embedded cluster in the parent keeps going.
// Messages from the parent: { type: 'block', ms } blocks the event loop that
// long; { type: 'stop' } stops the kernel gracefully and exits.
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

type Message = { type: 'block'; ms: number } | { type: 'stop' };

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Options;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(options.kubeconfig);
  const kernel = await startKernel({
    config: loadConfig(options.env),
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    roles: options.roles,
    address: '127.0.0.1',
    port: 0,
  });
  process.on('message', (message: Message) => {
    if (message.type === 'block') {
      const until = Date.now() + message.ms;
      while (Date.now() < until) {
        // busy: nothing else runs in this process meanwhile
      }
      process.send?.({ type: 'unblocked' });
    } else if (message.type === 'stop') {
      void kernel.stop().then(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
