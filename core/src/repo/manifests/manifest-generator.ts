// The repo-server's job: a source at a revision → the manifests it renders
// to, tracked and capped. Cached at two levels (cache-keys.ts); identical
// concurrent requests share one render. No Nest, no Redis client of its own:
// everything arrives through ports (render-ports.ts).
import { realpath, readdir } from 'node:fs/promises';
import { join, relative, sep, isAbsolute } from 'node:path';
import { type ApplicationSource } from '@driftless/schema';
import { type CallContext, type RendererInput } from '@driftless/plugin-sdk';
import { canonicalJson, contentKey, revisionKey, type RenderIdentity } from './cache-keys';
import { type CachedRender, type ManifestCache } from './manifest-cache';
import { checkManifests, defaultManifestLimits, type ManifestLimits } from './manifest-limits';
import { type ManifestRequest, type ManifestResponse } from './manifest-request';
import { ManifestGenerationError } from './manifest-generator-error';
import { type RenderHost, type RenderSettingsSource, type SourceWorkspaces } from './render-ports';
import { fulfilNeeds } from './renderer-needs';
import { explicitBlocks, selectRenderer, type RendererChoice } from './select-renderer';
import { normalizeSourcePath, SourcePathError } from './source-path';
import { appInstanceName, applyTracking } from './tracking';

export { ManifestGenerationError };

export interface ManifestGeneratorOptions {
  sources: SourceWorkspaces;
  host: RenderHost;
  cache?: ManifestCache;
  settings: RenderSettingsSource;
  /** The control-plane namespace (apps elsewhere get `<ns>_<name>` instance names). */
  controlNamespace: string;
  limits?: ManifestLimits;
  /** Where files a renderer needs are fetched to; the plugin runners read them. Default: the temp dir. */
  needsDir?: string;
}

const renderBlocks = ['helm', 'kustomize', 'directory', 'plugin'] as const;

export class ManifestGenerator {
  private readonly inflight = new Map<string, Promise<ManifestResponse>>();

  constructor(private readonly options: ManifestGeneratorOptions) {}

  async generate(request: ManifestRequest): Promise<ManifestResponse> {
    const { source } = request;
    const where = `application ${request.app.namespace}/${request.app.name}`;
    try {
      if (!source.repoURL) throw new ManifestGenerationError('source has no repoURL');
      const path = source.chart ? '.' : normalizeSourcePath(source.path);
      const [revision, refRevisions, settings] = await Promise.all([
        this.options.sources.resolve(source, request.app.project, { fresh: request.noRevisionCache === true }),
        this.resolveRefs(request.refSources ?? [], request.app.project, request.noRevisionCache === true),
        this.options.settings(),
      ]);
      const identity = this.identityOf(request, path, settings, refRevisions);
      const key = revisionKey(identity, revision);
      if (!request.noCache) {
        const cached = await this.options.cache?.getRender(key);
        if (cached) return { ...cached, cache: 'revision', revisionKey: key };
      }
      let running = this.inflight.get(key);
      if (!running) {
        running = this.render(request, { path, revision, refRevisions, settings, identity, key }).finally(() =>
          this.inflight.delete(key),
        );
        this.inflight.set(key, running);
      }
      return await running;
    } catch (error) {
      if (error instanceof SourcePathError || error instanceof ManifestGenerationError)
        throw new ManifestGenerationError(`${where}: ${error.message}`);
      throw new ManifestGenerationError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async resolveRefs(
    refSources: ApplicationSource[],
    project: string,
    fresh: boolean,
  ): Promise<Record<string, string>> {
    const entries = await Promise.all(
      refSources
        .filter((source) => source.ref)
        .map(
          async (source) =>
            [source.ref as string, await this.options.sources.resolve(source, project, { fresh })] as const,
        ),
    );
    return Object.fromEntries(entries);
  }

  private identityOf(
    request: ManifestRequest,
    path: string,
    settings: Record<string, string>,
    refRevisions: Record<string, string>,
  ): RenderIdentity {
    const { source } = request;
    return {
      repoURL: source.repoURL,
      path,
      renderers: this.options.host
        .renderers()
        .map((renderer) => renderer.key)
        .sort(),
      source: {
        chart: source.chart,
        targetRevision: source.targetRevision,
        ...Object.fromEntries(renderBlocks.map((block) => [block, source[block]])),
      },
      app: {
        name: request.app.name,
        namespace: request.app.namespace,
        project: request.app.project,
        destination: request.destination,
        kubeVersion: request.kubeVersion,
        apiVersions: request.apiVersions,
        tracking: request.tracking,
      },
      settings,
      refRevisions,
    };
  }

  private async render(
    request: ManifestRequest,
    step: {
      path: string;
      revision: string;
      refRevisions: Record<string, string>;
      settings: Record<string, string>;
      identity: RenderIdentity;
      key: string;
    },
  ): Promise<ManifestResponse> {
    const { source } = request;
    const { sources, cache } = this.options;
    const isGit = !source.chart;
    let appContentKey: string | undefined;
    if (isGit && cache) {
      const hashes = await sources.objectHashes(source, step.revision, [step.path], request.app.project);
      const appHash = hashes?.[step.path];
      if (appHash === null)
        throw new ManifestGenerationError(`path "${step.path}" does not exist in ${source.repoURL}`);
      if (appHash) appContentKey = contentKey(step.identity, appHash);
      const reused =
        appContentKey && !request.noCache
          ? await this.reuse(source, step, appContentKey, request.app.project)
          : undefined;
      if (reused) return reused;
    }

    const { project } = request.app;
    const workspaceDir = await sources.open(source, step.revision, project);
    const workspaceRefs: Record<string, string> = {};
    for (const refSource of request.refSources ?? []) {
      if (refSource.ref)
        workspaceRefs[refSource.ref] = await sources.open(
          refSource,
          step.refRevisions[refSource.ref] as string,
          project,
        );
    }
    const context: CallContext = { workspaceDir, workspaceRefs };
    const renderer = await this.chooseRenderer(request, step, context, workspaceDir);
    const input = this.rendererInput(request, step, renderer);
    let output = await this.options.host.render(renderer, input, context);
    if (output.needs) {
      // What was fetched (the newest chart within a constraint, a file behind a URL) can change with no
      // commit: such renders are cached by revision only.
      const fulfilled = await fulfilNeeds(output.needs, sources, renderer.name, project, this.options.needsDir);
      const again = { ...input, provided: fulfilled.provided };
      try {
        output = await this.options.host.render(renderer, again, { ...context, overlays: fulfilled.overlays });
      } finally {
        await fulfilled.cleanup();
      }
      if (output.needs)
        throw new ManifestGenerationError(`renderer ${renderer.name} still needs charts after they were fetched`);
      output = { ...output, external: true };
    }
    const manifests = applyTracking(output.manifests, {
      method: request.tracking.method,
      labelKey: request.tracking.labelKey,
      appInstance: appInstanceName(request.app, this.options.controlNamespace),
      destinationNamespace: request.destination.namespace,
      ...(request.tracking.installationID ? { installationID: request.tracking.installationID } : {}),
    });
    checkManifests(manifests, this.options.limits ?? defaultManifestLimits);
    const render: CachedRender = {
      manifests,
      revision: step.revision,
      sourceType: renderer.name,
      refRevisions: step.refRevisions,
    };
    if (cache) {
      await cache.putRender(step.key, render);
      const revisionBound =
        output.external === true ||
        renderer.block === 'plugin' ||
        canonicalJson(input.options).includes('ARGOCD_APP_REVISION');
      if (appContentKey && !revisionBound) {
        const dependencies = [...new Set([step.path, ...(output.dependencies ?? ['.'])])].filter(
          (dependency) => !dependency.startsWith('$'),
        );
        const hashes = await sources.objectHashes(source, step.revision, dependencies, project);
        if (hashes) await cache.putContent(appContentKey, { dependencies: hashes, revisionKey: step.key });
      }
    }
    return { ...render, cache: 'miss', revisionKey: step.key };
  }

  /** A render of an earlier revision whose dependencies all have the same content now. */
  private async reuse(
    source: ApplicationSource,
    step: { revision: string; key: string },
    appContentKey: string,
    project: string,
  ): Promise<ManifestResponse | undefined> {
    const cache = this.options.cache;
    const entry = await cache?.getContent(appContentKey);
    if (!cache || !entry) return undefined;
    const paths = Object.keys(entry.dependencies);
    const now = await this.options.sources.objectHashes(source, step.revision, paths, project);
    if (!now || paths.some((path) => (now[path] ?? null) !== entry.dependencies[path])) return undefined;
    const earlier = await cache.getRender(entry.revisionKey);
    if (!earlier) return undefined;
    const render: CachedRender = { ...earlier, revision: step.revision };
    await cache.putRender(step.key, render);
    return { ...render, cache: 'content', revisionKey: step.key };
  }

  private async chooseRenderer(
    request: ManifestRequest,
    step: { path: string; revision: string; settings: Record<string, string> },
    context: CallContext,
    workspaceDir: string,
  ): Promise<RendererChoice> {
    const renderers = this.options.host.renderers();
    const { source } = request;
    let claimedBy: RendererChoice | undefined;
    if (explicitBlocks(source).length === 0 && !source.chart) {
      const askable = (candidate: RendererChoice) =>
        candidate.dynamic &&
        (!candidate.dynamicSettings || candidate.dynamicSettings.some((key) => Boolean(step.settings[key])));
      for (const renderer of renderers.filter(askable)) {
        const probe = this.rendererInput(request, step, renderer);
        if (await this.options.host.detect(renderer, probe, context)) {
          claimedBy = renderer;
          break;
        }
      }
    }
    return selectRenderer({
      source,
      renderers,
      appFiles: await appFiles(workspaceDir, step.path),
      ...(claimedBy ? { claimedBy } : {}),
    });
  }

  private rendererInput(
    request: ManifestRequest,
    step: { path: string; revision: string; settings: Record<string, string> },
    renderer: RendererChoice,
  ): RendererInput {
    const { source } = request;
    const block = renderer.block ? (source as unknown as Record<string, unknown>)[renderer.block] : undefined;
    return {
      path: step.path,
      options: block && typeof block === 'object' ? (block as Record<string, unknown>) : {},
      app: {
        name: request.app.name,
        namespace: request.app.namespace,
        project: request.app.project,
        destinationNamespace: request.destination.namespace,
        destinationServer: request.destination.server,
        repoURL: source.repoURL,
        targetRevision: source.targetRevision ?? 'HEAD',
        revision: step.revision,
        kubeVersion: request.kubeVersion,
        apiVersions: request.apiVersions,
      },
      settings: step.settings,
    };
  }
}

/** Top-level file names of the app directory, which must exist inside the workspace. */
async function appFiles(workspaceDir: string, path: string): Promise<string[]> {
  const root = await realpath(workspaceDir);
  let dir: string;
  try {
    dir = await realpath(join(root, path));
  } catch {
    throw new ManifestGenerationError(`path "${path}" does not exist in the repository`);
  }
  const rel = relative(root, dir);
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
    throw new ManifestGenerationError(`path "${path}" is a link that leaves the repository`);
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => !entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    throw new ManifestGenerationError(`path "${path}" is not a directory`);
  }
}
