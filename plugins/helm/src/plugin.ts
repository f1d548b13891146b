// builtin.helm: Argo CD's Helm source type. Renders the chart at the app path
// with `helm template` (run by the host in a private copy of the workspace);
// every failure names the application.
import { defineRenderer } from '@driftless/plugin-sdk';
import { renderChart } from './render-chart';

class HelmRenderError extends Error {
  override name = 'HelmRenderError';
}

export default defineRenderer({
  async render(input, host) {
    try {
      return await renderChart(input, host);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Host errors keep their code (PLUGIN_CAPABILITY_DENIED, PLUGIN_TIMEOUT, …) in front.
      const code = /^(PLUGIN_[A-Z_]+): /.exec(message)?.[1];
      const reason = code ? message.slice(code.length + 2) : message;
      throw new HelmRenderError(`${code ? `${code}: ` : ''}application "${input.app.name}": ${reason}`);
    }
  },
});
