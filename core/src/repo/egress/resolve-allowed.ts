// Resolves a repository host and checks every address against the egress
// policy before anything connects. All addresses must pass: a name with one
// public and one metadata address is refused, so round-robin answers cannot
// slip through. The error names the host the user wrote, never the resolved
// address (no internal DNS is revealed to whoever probes with repo URLs).
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type EgressPolicy } from './egress-policy';

export type Lookup = (hostname: string) => Promise<string[]>;

export const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export class EgressRefusedError extends Error {
  constructor(readonly host: string) {
    super(
      `the repo-server may not connect to ${host}: its address is outside the networks repositories may use (DRIFTLESS_REPO_EGRESS_DENY / DRIFTLESS_REPO_EGRESS_ALLOW)`,
    );
    this.name = 'EgressRefusedError';
  }
}

/**
 * The addresses `host` resolves to, all allowed by `policy`; throws
 * EgressRefusedError otherwise. Lookup failures propagate unchanged.
 */
export async function resolveAllowed(
  host: string,
  policy: EgressPolicy,
  lookup: Lookup = systemLookup,
): Promise<string[]> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(bare) ? [bare] : await lookup(bare);
  if (!addresses.length || addresses.some((address) => policy.refusal(address))) throw new EgressRefusedError(host);
  return addresses;
}
