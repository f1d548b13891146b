// `--grant` values on the command line → Capabilities.
//   --grant http=hooks.example.com,127.0.0.1:8080  --grant network=loopback
//   --grant smtp=smtp.example.com:587  --grant smtp-network=private
//   --grant exec=helm  --grant workspace  --grant crypto  --grant secret=token
import { type Capabilities, type NetworkClass } from '@driftless/plugin-sdk';
import { CliError, ExitCode } from '../../cli/exit-codes';

const networks: readonly NetworkClass[] = ['loopback', 'private', 'linkLocal'];

export function parseGrants(values: readonly string[]): Capabilities {
  const grants: Capabilities = {};
  for (const value of values) {
    const [kind = '', list = ''] = value.split('=', 2);
    const items = list
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    switch (kind) {
      case 'http':
        grants.http = { hosts: [...(grants.http?.hosts ?? []), ...items], networks: grants.http?.networks ?? [] };
        break;
      case 'network':
        grants.http = {
          hosts: grants.http?.hosts ?? [],
          networks: [...(grants.http?.networks ?? []), ...networkClasses(kind, items)],
        };
        break;
      case 'smtp':
        grants.smtp = { hosts: [...(grants.smtp?.hosts ?? []), ...items], networks: grants.smtp?.networks ?? [] };
        break;
      case 'smtp-network':
        grants.smtp = {
          hosts: grants.smtp?.hosts ?? [],
          networks: [...(grants.smtp?.networks ?? []), ...networkClasses(kind, items)],
        };
        break;
      case 'exec':
        grants.exec = { binaries: [...(grants.exec?.binaries ?? []), ...items] };
        break;
      case 'workspace':
        grants.workspace = true;
        break;
      case 'crypto':
        grants.crypto = true;
        break;
      case 'secret':
        grants.secrets = { names: [...(grants.secrets?.names ?? []), ...items] };
        break;
      default:
        throw new CliError(
          `--grant ${value}: expected http=…, network=…, smtp=…, smtp-network=…, exec=…, workspace, crypto or secret=…`,
          ExitCode.usage,
        );
    }
  }
  return grants;
}

function networkClasses(kind: string, items: readonly string[]): NetworkClass[] {
  for (const item of items) {
    if (!networks.includes(item as NetworkClass))
      throw new CliError(`--grant ${kind}=${item}: one of ${networks.join(', ')}`, ExitCode.usage);
  }
  return items as NetworkClass[];
}
