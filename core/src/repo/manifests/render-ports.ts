// What the manifest generator needs from the rest of the kernel, as narrow
// interfaces: sources (git, chart repositories), the renderer plugins, and
// settings. The Nest module wires the real ones; tests and the offline CLI
// wire their own.
import { type ApplicationSource } from '@driftless/schema';
import { type CallContext, type RendererInput, type RendererOutput } from '@driftless/plugin-sdk';
import { type RendererChoice } from './select-renderer';

/**
 * `project` (the Application's) selects credentials: a repository Secret scoped
 * to a project serves only that project's applications, as in Argo CD.
 */
export interface SourceWorkspaces {
  /** The immutable revision `targetRevision` names now (commit SHA, chart version); `fresh`: ask the remote. */
  resolve(source: ApplicationSource, project?: string, options?: { fresh?: boolean }): Promise<string>;
  /** A read-only directory holding the source at that revision (the repo root, or the chart root). */
  open(source: ApplicationSource, revision: string, project?: string): Promise<string>;
  /** Git object hashes of workspace paths at a revision; undefined for sources without them (charts). */
  objectHashes(
    source: ApplicationSource,
    revision: string,
    paths: string[],
    project?: string,
  ): Promise<Record<string, string | null> | undefined>;
  /**
   * A chart a renderer needs (`RendererOutput.needs`), from a Helm repository
   * or OCI registry with that repository's credentials: its extracted,
   * read-only folder and the version the constraint resolved to. Absent where
   * nothing can be fetched (offline rendering).
   */
  chart?(
    repository: string,
    name: string,
    version: string,
    project?: string,
  ): Promise<{ dir: string; version: string }>;
  /** A file by http(s) URL (`RendererOutput.needs.files`); undefined when the server has none (404). */
  file?(url: string, project?: string): Promise<Buffer | undefined>;
}

export interface RenderHost {
  /** Active renderer plugins, with their sandbox keys (`id@version`). */
  renderers(): (RendererChoice & { key: string })[];
  detect(renderer: RendererChoice, input: RendererInput, context: CallContext): Promise<boolean>;
  render(renderer: RendererChoice, input: RendererInput, context: CallContext): Promise<RendererOutput>;
}

/** argocd-cm (and related) keys renderers read, plus config management plugin definitions. */
export type RenderSettingsSource = () => Promise<Record<string, string>>;
