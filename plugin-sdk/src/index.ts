// @driftless/plugin-sdk: contracts and factories for plugin authors, the
// sandbox the kernel runs plugins in (so tests run against the real thing),
// manifest validation, and the build tools behind the driftless-plugin CLI.
export * from './runtime';
export { extensionPoints, extensionPointNames, isExtensionPoint, methodSpec } from './contracts/extension-points';
export { PluginError, pluginErrorCodes, isPluginError, isPluginErrorCode, type PluginErrorCode } from './errors';
export { DEFAULT_BUNDLE_PATH } from './manifest/manifest';
export {
  validatePluginPackage,
  assertContractSupported,
  contributedExtensionPoint,
  pluginRef,
} from './manifest/validate-manifest';
export { effectiveGrants, ungrantedCapabilities, describeCapabilities } from './manifest/grants';
export {
  PluginSandbox,
  type SandboxOptions,
  type CallEvent,
  type LoadRequest,
  type CallOutcome,
} from './sandbox/plugin-sandbox';
export { defaultLimits, defaultMaxima, effectiveLimits, type SandboxLimits } from './sandbox/limits';
export { RunnerHost, type RunnerHostOptions } from './sandbox/runner-host/runner-host';
export { type CallContext } from './sandbox/runner-protocol';
export { type PluginLogLine } from './sandbox/capabilities/log';
export { classifyAddress } from './sandbox/capabilities/network-address';
export { bundlePlugin, type BundleOptions } from './build/bundle-plugin';
export {
  PluginTestHarness,
  loadPluginForTest,
  type TestPlugin,
  type TestPluginOptions,
} from './testing/plugin-test-harness';
