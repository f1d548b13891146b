// Which renderer builds a source, as Argo CD decides its source type: an
// explicit block (`helm`, `kustomize`, `directory`, `plugin`) wins; a Helm
// chart source is Helm; else a plugin whose discovery claims the app; else
// file names in the app directory (`Chart.yaml`, `kustomization.yaml`, …);
// else the fallback (Directory). Pure.
import { type ApplicationSource } from '@driftless/schema';

export interface RendererChoice {
  id: string;
  /** Argo CD's source type name, e.g. `Helm`. */
  name: string;
  /** Application source key it reads options from. */
  block?: string;
  files: string[];
  dynamic: boolean;
  /** Settings `detect` depends on; when none is set, it is not asked. */
  dynamicSettings?: string[];
  precedence: number;
}

export class RendererSelectionError extends Error {}

const blocks = ['helm', 'kustomize', 'directory', 'plugin'] as const;

/** The renderer blocks the source sets (Argo CD's ExplicitType). */
export function explicitBlocks(source: ApplicationSource): string[] {
  return blocks.filter((block) => source[block] !== undefined && source[block] !== null);
}

export function rendererForBlock(block: string, renderers: readonly RendererChoice[]): RendererChoice {
  const found = byPrecedence(renderers).find((renderer) => renderer.block === block);
  if (!found) throw new RendererSelectionError(`no renderer plugin reads the "${block}" block — is one disabled?`);
  return found;
}

/** Renderer for a source without an explicit block, once dynamic plugins have answered. */
export function selectRenderer(input: {
  source: ApplicationSource;
  renderers: readonly RendererChoice[];
  /** File names in the app directory (top level only, as Argo CD looks). */
  appFiles: readonly string[];
  /** The dynamic renderer that claimed the app, if any. */
  claimedBy?: RendererChoice;
}): RendererChoice {
  const { source, renderers, appFiles } = input;
  const explicit = explicitBlocks(source);
  if (explicit.length > 1)
    throw new RendererSelectionError(
      `multiple application sources defined: ${explicit.join(', ')} — keep one of them in the source`,
    );
  if (explicit[0]) return rendererForBlock(explicit[0], renderers);
  if (source.chart) return rendererForBlock('helm', renderers);
  if (input.claimedBy) return input.claimedBy;
  // Argo CD walks the app directory in lexical order and the last match wins,
  // so with both Chart.yaml and kustomization.yaml the app is Kustomize.
  let chosen: RendererChoice | undefined;
  for (const file of [...appFiles].sort()) {
    const match = byPrecedence(renderers).find((renderer) => renderer.files.some((name) => fileMatches(name, file)));
    if (match) chosen = match;
  }
  if (chosen) return chosen;
  return rendererForBlock('directory', renderers);
}

/** `Chart.yaml` matches by suffix, as Argo CD checks it; other names exactly. */
function fileMatches(pattern: string, file: string): boolean {
  return pattern === 'Chart.yaml' ? file.endsWith(pattern) : pattern === file;
}

function byPrecedence(renderers: readonly RendererChoice[]): RendererChoice[] {
  return [...renderers].sort((a, b) => b.precedence - a.precedence || a.id.localeCompare(b.id));
}
