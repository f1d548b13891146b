// Parses JSON that came out of a plugin. A `__proto__` key is refused rather
// than kept as an own property, so nothing downstream can be tricked into
// changing an object's prototype by spreading or merging plugin output.
import { PluginError } from '../errors';

export function parsePluginJson(text: string, plugin: string, method: string): unknown {
  try {
    return JSON.parse(text, function reviver(this: unknown, key: string, value: unknown) {
      if (key === '__proto__') throw new Error('a "__proto__" key');
      return value;
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PluginError(
      'PLUGIN_INVALID_OUTPUT',
      `${method} returned ${reason.startsWith('a "') ? reason : 'JSON that does not parse'}`,
      plugin,
    );
  }
}
