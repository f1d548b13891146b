// What plugin code may import from @driftless/plugin-sdk at run time: the
// factories and constants, nothing that touches Node. `driftless-plugin build`
// resolves the package to this file, so bundles stay small and sandbox-safe.
export { CONTRACT_API_VERSION, CONTRACT_VERSION } from './contracts/contract-version';
export { healthStatuses, isWorseHealth } from './contracts/health';
export { httpDeliveryOutcome } from './contracts/notifier';
export {
  definePlugin,
  defineAction,
  defineGenerator,
  defineHealthPlugin,
  defineImageStrategy,
  defineNotifier,
  defineRenderer,
  defineSource,
} from './define-plugin';
export type * from './contract-types';
