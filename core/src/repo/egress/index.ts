export {
  defaultDeniedNetworks,
  egressPolicy,
  EgressPolicyError,
  parseNetworks,
  type EgressPolicy,
} from './egress-policy';
export { EgressRefusedError, resolveAllowed, systemLookup, type Lookup } from './resolve-allowed';
export { checkedLookup, egressRefusal, literalRefusal, type Egress } from './checked-lookup';
