// Schema of Driftless's Plugin resource: which package to install, its pinned
// integrity, and the capabilities an admin grants. Kubernetes RBAC on
// plugins.driftless.io decides who may apply one.
import { array, boolean, int64, object, type OpenApiSchema, string, stringList } from './openapi';

export const DRIFTLESS_GROUP = 'driftless.io';

const networks: OpenApiSchema = array(
  { type: 'string', enum: ['loopback', 'private', 'linkLocal'] },
  'address ranges the plugin may reach besides public ones',
);

export function pluginSpec(): OpenApiSchema {
  return object(
    {
      package: string('npm package[@range] or https URL of a tarball'),
      registry: string('npm registry URL (default https://registry.npmjs.org)'),
      integrity: string('sha512 integrity the package must have'),
      enabled: boolean('false unloads the plugin but keeps it installed'),
      grants: object(
        {
          http: object({ hosts: stringList('host names, * wildcards allowed'), networks }),
          smtp: object({ hosts: stringList('SMTP servers (host or host:port), * wildcards allowed'), networks }),
          exec: object({ binaries: stringList('binary names the plugin may run') }),
          workspace: boolean('read access to the checked-out source'),
          crypto: boolean('RS256 signatures with keys the plugin holds (host.crypto.sign)'),
          secrets: object({ names: stringList('secret names the kernel may hand to the plugin') }),
        },
        { description: 'Capabilities granted; the plugin gets those it also requests in its manifest' },
      ),
    },
    { required: ['package'] },
  );
}

export function pluginStatus(): OpenApiSchema {
  return object({
    phase: { type: 'string', enum: ['Installed', 'Disabled', 'Failed'] },
    observedGeneration: int64(),
    installedVersion: string(),
    integrity: string(),
    requestedCapabilities: stringList(),
    message: string('for Failed: the named error, one line'),
  });
}
