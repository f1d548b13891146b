export {
  defaultDeniedNetworks,
  egressPolicy,
  EgressPolicyError,
  parseNetworks,
  type EgressPolicy,
} from './egress-policy';
export { EgressRefusedError, resolveAllowed, systemLookup, type Lookup } from './resolve-allowed';
