// Named plugin errors: a code a user can search for, and one line saying
// which plugin failed, where, and what to do about it.

export const pluginErrorCodes = [
  /** The plugin was written for a contract range the kernel does not implement. */
  'PLUGIN_CONTRACT_MISMATCH',
  /** The plugin used a capability (or a host, binary, path, secret) it was not granted. */
  'PLUGIN_CAPABILITY_DENIED',
  /** The call ran past its CPU or wall-clock budget; the isolate was disposed. */
  'PLUGIN_TIMEOUT',
  /** The isolate ran past its memory limit; it was disposed. */
  'PLUGIN_MEMORY_LIMIT',
  /** The runner process hosting the plugin died during the call; it is restarted. */
  'PLUGIN_RUNNER_CRASHED',
  /** The plugin returned something that is not what its contract promises. */
  'PLUGIN_INVALID_OUTPUT',
  /** The plugin threw (or rejected) while handling the call. */
  'PLUGIN_CALL_FAILED',
  /** The package's `driftless` manifest is missing or does not match the schema. */
  'PLUGIN_INVALID_MANIFEST',
  /** The bundle does not evaluate to a plugin definition matching the manifest. */
  'PLUGIN_INVALID_BUNDLE',
  /** No plugin with that id (or none for that extension point and key). */
  'PLUGIN_NOT_FOUND',
  /** The plugin is installed but disabled. */
  'PLUGIN_DISABLED',
  /** A package's content does not match its pinned sha512 integrity. */
  'PLUGIN_INTEGRITY_MISMATCH',
  /** A package archive has entries that escape its root, links, or is too large. */
  'PLUGIN_UNSAFE_ARCHIVE',
  /** Installing needs an explicit grant of the capabilities the plugin requests. */
  'PLUGIN_GRANT_REQUIRED',
  /** The kernel could not hand the input to the plugin (not plain JSON, too large). */
  'PLUGIN_INVALID_INPUT',
  /** A host call or result went past a size or count cap (response size, output size, host calls per call). */
  'PLUGIN_LIMIT_EXCEEDED',
] as const;

export type PluginErrorCode = (typeof pluginErrorCodes)[number];

export class PluginError extends Error {
  constructor(
    readonly code: PluginErrorCode,
    message: string,
    /** `id@version` of the plugin, when one is concerned. */
    readonly plugin?: string,
  ) {
    super(`${code}: ${plugin ? `plugin ${plugin}: ` : ''}${message}`);
    this.name = 'PluginError';
  }

  /** The message without the code and plugin prefix. */
  get reason(): string {
    const prefix = `${this.code}: ${this.plugin ? `plugin ${this.plugin}: ` : ''}`;
    return this.message.startsWith(prefix) ? this.message.slice(prefix.length) : this.message;
  }
}

export function isPluginErrorCode(value: unknown): value is PluginErrorCode {
  return typeof value === 'string' && (pluginErrorCodes as readonly string[]).includes(value);
}

export function isPluginError(error: unknown, code?: PluginErrorCode): error is PluginError {
  return error instanceof PluginError && (code === undefined || error.code === code);
}
