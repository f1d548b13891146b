// Flags the application commands that write to the control plane share:
// --kubeconfig and --namespace (the control-plane namespace, as `repo add`),
// Argo CD's -N/--app-namespace for apps outside it, and --timeout.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { addControlPlaneOptions, type ControlPlaneOptions } from '../../client/control-plane-access';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { parseAppRef, type AppRef } from './app-ref';

export interface AppCommandOptions extends ControlPlaneOptions, ServerOptions {
  appNamespace?: string;
  core?: boolean;
}

export function addAppCommandOptions(command: Command): Command {
  addServerOptions(command);
  command.addOption(
    new Option(
      '--core',
      "write the Application in the control-plane cluster directly with your kubeconfig (Argo CD's --core), not through the server",
    ),
  );
  return addControlPlaneOptions(command).addOption(
    new Option(
      '-N, --app-namespace <namespace>',
      'namespace of the application when APPNAME has none (default: the control-plane namespace)',
    ),
  );
}

/** The application an APPNAME argument names, with the command's namespace flags applied. */
export function appRefOf(argument: string, options: AppCommandOptions): AppRef {
  return parseAppRef(argument, options.appNamespace ?? options.namespace);
}

/** `--timeout SECONDS`: 0 (the default, as in Argo CD) waits without limit. */
export function timeoutOption(): Option {
  return new Option('--timeout <seconds>', 'give up waiting after this many seconds (0: no limit)')
    .argParser((value: string) => {
      const seconds = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(seconds))
        throw new InvalidArgumentError('expected a whole number of seconds');
      return seconds;
    })
    .default(0);
}

/**
 * Whether the command works on the cluster directly: --core, or a
 * --kubeconfig given on the command line (a KUBECONFIG in the environment
 * alone does not switch modes). Otherwise it asks the server.
 */
export function coreMode(command: Command, options: AppCommandOptions): boolean {
  return options.core === true || command.getOptionValueSource('kubeconfig') === 'cli';
}
