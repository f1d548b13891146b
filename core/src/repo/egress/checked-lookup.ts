// The egress policy at the socket: a `lookup` for Node/undici connections that
// resolves through `resolveAllowed`, so every connection is checked on the
// address it really uses (a DNS answer that changes between a check and the
// connect — rebinding — is caught too). Sockets skip `lookup` for IP
// literals: check those with `literalRefusal` first.
import { isIP, type LookupFunction } from 'node:net';
import { type EgressPolicy } from './egress-policy';
import { EgressRefusedError, resolveAllowed, systemLookup, type Lookup } from './resolve-allowed';

/** Where a client may connect; without one, anywhere. */
export interface Egress {
  policy: EgressPolicy;
  lookup?: Lookup;
}

export function checkedLookup(egress: Egress): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, egress.policy, egress.lookup ?? systemLookup).then(
      (addresses) => {
        const entries = addresses.map((address) => ({ address, family: isIP(address) }));
        type AllCallback = (error: null, all: { address: string; family: number }[]) => void;
        if (options.all) (callback as unknown as AllCallback)(null, entries);
        else callback(null, entries[0]?.address ?? '', entries[0]?.family ?? 4);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}

/** The refusal for a URL host that is an IP literal outside the policy, else undefined. */
export function literalRefusal(egress: Egress, host: string): EgressRefusedError | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) && egress.policy.refusal(bare) ? new EgressRefusedError(host) : undefined;
}

/** The EgressRefusedError somewhere in an error's cause chain. */
export function egressRefusal(error: unknown, depth = 0): EgressRefusedError | undefined {
  if (error instanceof EgressRefusedError) return error;
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  return egressRefusal((error as { cause?: unknown }).cause, depth + 1);
}
