// For CLI commands that write Driftless's declarative state (repository
// Secrets) straight to the control-plane cluster, as `kubectl apply` would,
// with the caller's own Kubernetes rights: KUBECONFIG, else in-cluster
// credentials, else the kubeconfig local mode writes (`driftless start`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { defaultDataDir } from '../../kernel/local-control-plane';
import { isInCluster, loadClusterConnection, type ClusterConnection } from '../../kube/cluster-connection';
import { CliError, ExitCode } from '../exit-codes';

export interface ControlPlaneOptions {
  kubeconfig?: string;
  namespace: string;
}

export function addControlPlaneOptions(command: Command): Command {
  return command
    .addOption(new Option('--kubeconfig <file>', 'kubeconfig of the control-plane cluster').env('KUBECONFIG'))
    .addOption(
      new Option('--namespace <namespace>', 'Driftless namespace').env('DRIFTLESS_NAMESPACE').default('argocd'),
    );
}

export function connectControlPlane(options: ControlPlaneOptions): ClusterConnection {
  if (options.kubeconfig || isInCluster()) return loadClusterConnection(options.kubeconfig, undefined);
  const local = join(process.env.DRIFTLESS_DATA_DIR ?? defaultDataDir(), 'kubeconfig');
  if (existsSync(local)) return loadClusterConnection(local, undefined);
  throw new CliError(
    'no control-plane cluster: set KUBECONFIG, or start Driftless in local mode (driftless start) first',
    ExitCode.unreachable,
  );
}
