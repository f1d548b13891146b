// Which application a command names when it talks to the server: the name,
// and a namespace only when the user gave one (NAMESPACE/NAME or -N), so the
// server applies its own default (its control-plane namespace). Pure.
import { CliError, ExitCode } from '../../exit-codes';

export interface ServerAppRef {
  name: string;
  namespace?: string;
  /** As the user wrote it, for messages. */
  display: string;
}

export function serverAppRef(argument: string, appNamespace: string | undefined): ServerAppRef {
  const parts = argument.split('/');
  const [first = '', second] = parts;
  if (parts.length > 2 || first === '' || second === '')
    throw new CliError(`"${argument}" is not an application name: expected NAME or NAMESPACE/NAME`, ExitCode.usage);
  if (second !== undefined) return { namespace: first, name: second, display: argument };
  return appNamespace === undefined
    ? { name: first, display: first }
    : { name: first, namespace: appNamespace, display: `${appNamespace}/${first}` };
}
