// Where cluster Secrets go. `cluster rm|get` use the usual control-plane flags
// (--kubeconfig, --namespace, as `repo rm`); `cluster add` cannot, because
// Argo CD gives --kubeconfig (the file holding CONTEXT) and --namespace (the
// managed namespaces) other meanings there, so it takes the same settings as
// --control-plane-kubeconfig / --control-plane-context / --control-plane-namespace,
// with the same environment variables behind them.
import { type Command, Option } from 'commander';
import { describeConnection, type ClusterConnection } from '../../../kube/cluster-connection';
import { connectControlPlane } from '../../client/control-plane-access';
import { CliError, ExitCode } from '../../exit-codes';

export interface AddControlPlaneOptions {
  controlPlaneKubeconfig?: string;
  controlPlaneContext?: string;
  controlPlaneNamespace: string;
}

export function addControlPlaneFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--control-plane-kubeconfig <file>', 'kubeconfig of the Driftless control-plane cluster').env(
        'KUBECONFIG',
      ),
    )
    .addOption(
      new Option(
        '--control-plane-context <context>',
        'context of the control-plane cluster in that kubeconfig (default: its current context)',
      ).env('KUBE_CONTEXT'),
    )
    .addOption(
      new Option('--control-plane-namespace <namespace>', 'Driftless namespace')
        .env('DRIFTLESS_NAMESPACE')
        .default('argocd'),
    );
}

export function connectAddControlPlane(options: AddControlPlaneOptions): ClusterConnection {
  const connection = connectControlPlane({
    ...(options.controlPlaneKubeconfig ? { kubeconfig: options.controlPlaneKubeconfig } : {}),
    namespace: options.controlPlaneNamespace,
  });
  const context = options.controlPlaneContext;
  if (!context || context === connection.context) return connection;
  if (!connection.kubeConfig.getContextObject(context)) {
    const known = connection.kubeConfig.getContexts().map((candidate) => candidate.name);
    throw new CliError(
      `the control-plane kubeconfig has no context "${context}" — use one of: ${known.join(', ')}`,
      ExitCode.usage,
    );
  }
  connection.kubeConfig.setCurrentContext(context);
  return describeConnection(connection.kubeConfig, connection.source);
}
