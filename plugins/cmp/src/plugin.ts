// builtin.cmp: Argo CD config management plugins (v2, plugin.yaml). The
// definitions arrive in settings.configManagementPlugins; `detect` answers
// the kernel's discovery, `render` runs the chosen plugin's init and generate.
import { defineRenderer, type RendererInput } from '@driftless/plugin-sdk';
import { detectPlugin, runPlugin } from './run-plugin';

class CmpRenderError extends Error {
  override name = 'CmpRenderError';
}

function failure(input: RendererInput, error: unknown): CmpRenderError {
  const message = error instanceof Error ? error.message : String(error);
  // Host errors keep their code (PLUGIN_CAPABILITY_DENIED, PLUGIN_TIMEOUT, …) in front.
  const code = /^(PLUGIN_[A-Z_]+): /.exec(message)?.[1];
  const reason = code ? message.slice(code.length + 2) : message;
  return new CmpRenderError(`${code ? `${code}: ` : ''}application "${input.app.name}": ${reason}`);
}

export default defineRenderer({
  async render(input, host) {
    try {
      return { manifests: await runPlugin(input, host) };
    } catch (error) {
      throw failure(input, error);
    }
  },
  async detect(input, host) {
    try {
      const plugin = await detectPlugin(input, host);
      return plugin ? { matches: true, name: plugin.fullName } : { matches: false };
    } catch (error) {
      throw failure(input, error);
    }
  },
});
