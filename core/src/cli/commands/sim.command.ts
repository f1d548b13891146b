// `driftless sim`: the embedded Kubernetes API on its own, for plugin authors,
// for trying kubectl against it, and for benchmarks.
import { resolve } from 'node:path';
import { startKubeSim } from '@driftless/kube-sim';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parsePort } from './role.commands';
import { stopOnSignal } from '../stop-on-signal';

interface SimOptions {
  kubeconfigOut: string;
  port: number;
  clusters: number;
  dataDir?: string;
  address: string;
}

function parseClusterCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 100)
    throw new InvalidArgumentError('must be a whole number from 1 to 100');
  return count;
}

export function simCommand(): Command {
  return new Command('sim')
    .description('run the embedded Kubernetes API alone and write a kubeconfig with one context per cluster')
    .requiredOption('--kubeconfig-out <file>', 'where to write the kubeconfig')
    .addOption(
      new Option('--port <port>', 'port of the first cluster; cluster i listens on port+i (0 picks free ports)')
        .argParser(parsePort)
        .default(0),
    )
    .addOption(new Option('--clusters <count>', 'how many clusters to serve').argParser(parseClusterCount).default(1))
    .option('--data-dir <dir>', 'keep cluster state in this directory across restarts')
    .option('--address <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: SimOptions) => {
      const sim = await startKubeSim({
        clusters: options.clusters,
        port: options.port,
        host: options.address,
        ...(options.dataDir !== undefined && { dataDir: resolve(options.dataDir) }),
      });
      const kubeconfigPath = resolve(options.kubeconfigOut);
      await sim.writeKubeconfig(kubeconfigPath);
      const lines = sim.clusters.map((cluster) => `cluster ${cluster.name} at ${cluster.server}`);
      lines.push(`kubeconfig written to ${kubeconfigPath} — try: KUBECONFIG=${kubeconfigPath} kubectl get namespaces`);
      lines.push('serving until interrupted (Ctrl-C)');
      process.stderr.write(lines.map((line) => `driftless sim: ${line}\n`).join(''));
      stopOnSignal(() => sim.stop());
    });
}
