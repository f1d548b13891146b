// The pure parts of builtin.cmp, for tools that check plugin definitions or environments.
export { parsePluginConfigs, type PluginDefinition, type PluginConfigs } from './plugin-config';
export { pluginEnvironment, parsePluginBlock, parameterEnvName } from './build-environment';
export { globToRegExp } from './glob';
