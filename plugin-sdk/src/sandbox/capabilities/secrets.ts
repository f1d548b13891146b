// host.secrets.get: only names the plugin was granted, and only values the
// kernel resolved for this call. Secrets are injected, never fetched.
import { type Capabilities } from '../../manifest/manifest';
import { denied } from './denied';

export function secretGet(
  name: unknown,
  grant: Capabilities['secrets'],
  resolved: Readonly<Record<string, string>>,
): string {
  if (!grant) throw denied('secrets are not granted to this plugin');
  if (typeof name !== 'string') throw denied('secret names are strings');
  if (!grant.names.includes(name))
    throw denied(`secret ${name} is not granted (granted: ${grant.names.join(', ') || 'none'})`);
  if (!Object.hasOwn(resolved, name)) throw denied(`secret ${name} was not provided for this call`);
  return resolved[name] ?? '';
}
