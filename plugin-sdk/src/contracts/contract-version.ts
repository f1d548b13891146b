// The plugin contract this SDK implements. A plugin declares the range of
// contract versions it was written for; the kernel refuses one it cannot honour.
export const CONTRACT_API_VERSION = 'driftless.io/plugin/v1';

/** Semantic version of the contract: the major number is the `v1` above. */
export const CONTRACT_VERSION = '1.0.0';
