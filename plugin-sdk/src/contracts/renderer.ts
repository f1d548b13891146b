import { type KubeObject } from './kube-object';

export interface RendererInput {
  /** Path inside the read-only workspace (host.workspace) of the application source. */
  path: string;
  parameters: Record<string, string>;
  /** Set for post-processing renderers: the manifests rendered so far. */
  manifests?: KubeObject[];
}

export interface RendererOutput {
  manifests: KubeObject[];
}
