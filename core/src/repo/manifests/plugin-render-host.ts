// The renderer plugins, as the manifest generator sees them: the registry's
// active renderers and calls into the sandbox.
import { type CallContext, type RendererInput, type RendererOutput } from '@driftless/plugin-sdk';
import { type PluginHost } from '../../plugins/plugin-host.service';
import { type RenderHost } from './render-ports';
import { type RendererChoice } from './select-renderer';

export class PluginRenderHost implements RenderHost {
  constructor(private readonly plugins: PluginHost) {}

  renderers(): (RendererChoice & { key: string })[] {
    return this.plugins.registry.list().flatMap((entry) => {
      const renderer = entry.contributes.renderer;
      if (entry.extensionPoint !== 'renderer' || !renderer || renderer.postRender) return [];
      return [
        {
          id: entry.id,
          key: entry.key,
          name: renderer.name,
          ...(renderer.block ? { block: renderer.block } : {}),
          files: renderer.discovery?.files ?? [],
          dynamic: renderer.discovery?.dynamic === true,
          ...(renderer.discovery?.dynamicSettings ? { dynamicSettings: renderer.discovery.dynamicSettings } : {}),
          precedence: entry.precedence,
        },
      ];
    });
  }

  async detect(renderer: RendererChoice, input: RendererInput, context: CallContext): Promise<boolean> {
    const { output } = await this.plugins.invoke<'renderer', 'detect'>(renderer.id, 'detect', input, context);
    return output.matches;
  }

  async render(renderer: RendererChoice, input: RendererInput, context: CallContext): Promise<RendererOutput> {
    const { output } = await this.plugins.invoke<'renderer', 'render'>(renderer.id, 'render', input, context);
    return output;
  }
}
