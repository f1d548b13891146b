// Which Application a command means: `NAME` (in --app-namespace, else the
// control-plane namespace) or `NAMESPACE/NAME` for apps in other namespaces,
// as Argo CD's CLI reads it (argo.ParseFromQualifiedName).
import { CliError, ExitCode } from '../../exit-codes';

export interface AppRef {
  namespace: string;
  name: string;
}

export function parseAppRef(argument: string, defaultNamespace: string): AppRef {
  const parts = argument.split('/');
  const [first = '', second] = parts;
  if (parts.length > 2 || first === '' || second === '')
    throw new CliError(`"${argument}" is not an application name: expected NAME or NAMESPACE/NAME`, ExitCode.usage);
  return second === undefined ? { namespace: defaultNamespace, name: first } : { namespace: first, name: second };
}

export const qualifiedAppName = (ref: AppRef): string => `${ref.namespace}/${ref.name}`;
