// Which network addresses the repo-server may open connections to for
// repositories (git, Helm repositories, OCI registries): a deny list, and
// optionally an allow list that, when set, is the only reachable space.
// Evaluated on the addresses a host name resolves to (not on the name), so a
// DNS name pointing at the cloud metadata service is refused like the
// literal address (BI-SSRF-1). Pure: see resolve-allowed.ts for DNS.
import { BlockList, isIP } from 'node:net';

/**
 * Link-local space: cloud metadata endpoints (169.254.169.254, AWS's
 * fd00:ec2::254, Alibaba's 100.100.100.200) and addresses no repository
 * lives at. Private networks stay reachable by default: self-hosted Git and
 * chart servers usually live there.
 */
export const defaultDeniedNetworks: readonly string[] = [
  '169.254.0.0/16',
  'fe80::/10',
  'fd00:ec2::254/128',
  '100.100.100.200/32',
];

export interface EgressPolicy {
  /** Undefined when `address` (an IP literal) may be reached, else why not. */
  refusal(address: string): 'denied' | 'not allowed' | undefined;
}

export class EgressPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EgressPolicyError';
  }
}

/** `deny` and `allow` are CIDRs or single addresses, IPv4 or IPv6; an empty `allow` allows everything not denied. */
export function egressPolicy(options: { deny: readonly string[]; allow: readonly string[] }): EgressPolicy {
  const deny = blockList(options.deny, 'deny');
  const allow = options.allow.length ? blockList(options.allow, 'allow') : undefined;
  return {
    refusal(address) {
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      const mapped = unmapIpv4(address);
      if (deny.check(address, family) || (mapped && deny.check(mapped, 'ipv4'))) return 'denied';
      if (allow && !allow.check(address, family) && !(mapped && allow.check(mapped, 'ipv4'))) return 'not allowed';
      return undefined;
    },
  };
}

/** Comma- or space-separated networks from a setting. */
export function parseNetworks(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function blockList(networks: readonly string[], listName: string): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address = '', prefixText, ...rest] = network.split('/');
    const version = isIP(address);
    const prefix = prefixText === undefined ? (version === 6 ? 128 : 32) : Number(prefixText);
    const maxPrefix = version === 6 ? 128 : 32;
    if (!version || rest.length || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix)
      throw new EgressPolicyError(
        `${listName} list entry "${network}" is not an IP address or CIDR network (e.g. 10.0.0.0/8, fd00::/8)`,
      );
    list.addSubnet(address, prefix, version === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/** ::ffff:a.b.c.d is the IPv4 address a.b.c.d for every purpose that matters here. */
function unmapIpv4(address: string): string | undefined {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1];
}
