// The network check every outbound capability shares: the host must be
// granted, and every address it resolves to must be public or in a network
// class the grant lists. The caller connects to the address returned (pinned),
// so DNS cannot change the target after the check.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type NetworkClass } from '../../manifest/manifest';
import { denied, hostError } from './denied';
import { hostAllowed } from './host-pattern';
import { classifyAddress, normalizedAddress } from './network-address';

export interface NetworkGrant {
  hosts: string[];
  networks?: NetworkClass[];
}

export interface VettedAddress {
  address: string;
  family: number;
}

/** `what` names the capability in messages (`http`, `smtp`); `display` is the host as the plugin wrote it. */
export async function vetHost(
  what: string,
  hostname: string,
  port: number,
  grant: NetworkGrant,
  display = `${hostname}:${port}`,
): Promise<VettedAddress> {
  if (!hostAllowed(grant.hosts, hostname, port)) {
    throw denied(`${what} to ${display} is not granted (granted hosts: ${grant.hosts.join(', ')})`);
  }
  const bare = hostname.replace(/^\[|\]$/g, '');
  const addresses =
    isIP(bare) !== 0
      ? [{ address: bare, family: isIP(bare) }]
      : await dnsLookup(bare, { all: true, verbatim: true }).catch(() => {
          throw hostError('PLUGIN_CALL_FAILED', `cannot resolve ${bare}`);
        });
  const networks = new Set<string>(grant.networks ?? []);
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'public') continue;
    if (kind === 'reserved' || !networks.has(kind)) {
      throw denied(
        `${what} to ${display} resolves to ${kind} address ${normalizedAddress(address)}, which is not granted`,
      );
    }
  }
  const [first] = addresses;
  if (!first) throw hostError('PLUGIN_CALL_FAILED', `${bare} has no address`);
  return first;
}
