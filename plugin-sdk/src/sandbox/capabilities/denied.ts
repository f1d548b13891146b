import { PluginError, type PluginErrorCode } from '../../errors';

/** Errors host functions raise; their code crosses into the isolate as the message prefix. */
export function denied(message: string): PluginError {
  return new PluginError('PLUGIN_CAPABILITY_DENIED', message);
}

export function hostError(code: PluginErrorCode, message: string): PluginError {
  return new PluginError(code, message);
}
