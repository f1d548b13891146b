// Applications and AppProjects as the controller sees them: list+watch of
// Applications in the control-plane namespace (or cluster-wide when
// argocd-cmd-params-cm `application.namespaces` lets apps live elsewhere,
// filtered by its globs) and of AppProjects in the control-plane namespace.
// It tells the controller what changed in a way that matters for a refresh:
// the controller's own status patches come back as watch events and must not
// start another refresh.
import { appNamespaceFilter } from '../projects/enforcement/app-namespace';
import { type Application, type AppProject } from '@driftless/schema';
import { isCascadeDeleting } from '../sync/deletion-plan';
import { type KubeHttp } from '../kube/kube-http';
import { ListWatch } from '../kube/list-watch';
import { isOlderVersion } from '../kube/resource-version';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

export type AppEvent =
  | { type: 'changed'; key: string; app: Application; refresh: 'normal' | 'hard' | undefined }
  | { type: 'deleted'; key: string; app: Application };

export interface ApplicationStoreOptions {
  http: KubeHttp;
  controlNamespace: string;
  /** argocd-cmd-params-cm application.namespaces: globs of other namespaces apps may live in. */
  appNamespaces: readonly string[];
  onApp: (event: AppEvent) => void;
  onProject: (name: string) => void;
  /** An app has an operation to run or in progress (set, changed, or seen for the first time). */
  onOperation?: (key: string, app: Application) => void;
  onProblem: (message: string) => void;
}

export function appKeyOf(app: { metadata: { namespace?: string; name?: string } }): string {
  return `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
}

/** What a refresh depends on: the spec, the refresh annotation and deletion — never status. */
function refreshSignature(app: Application): string {
  return JSON.stringify([
    app.spec,
    app.metadata.annotations?.[REFRESH_ANNOTATION] ?? null,
    app.metadata.deletionTimestamp ?? null,
  ]);
}

/**
 * What the sync engine reacts to: the requested operation, a phase a user may
 * set (Terminating), the approval a Prune=confirm sync or a Delete=confirm
 * deletion waits for, and deletion.
 */
function operationSignature(app: Application): string {
  return JSON.stringify([
    app.operation ?? null,
    app.status?.operationState?.phase ?? null,
    app.metadata.annotations?.['argocd.argoproj.io/deletion-approved'] ?? null,
    app.metadata.deletionTimestamp ?? null,
  ]);
}

/** An operation to run or in progress, or a cascade delete to carry out (the operation queue's work). */
export function hasOperationWork(app: Application): boolean {
  const phase = app.status?.operationState?.phase;
  return app.operation !== undefined || phase === 'Running' || phase === 'Terminating' || isCascadeDeleting(app);
}

export class ApplicationStore {
  private readonly apps = new Map<string, { app: Application; signature: string; operation: string }>();
  private readonly projects = new Map<string, AppProject>();
  private readonly appWatch: ListWatch<Application>;
  private readonly projectWatch: ListWatch<AppProject>;

  /** `application.namespaces` as Argo CD reads it (globs and `/regex/`), the API server's check too. */
  private readonly watchedNamespace: (namespace: string) => boolean;

  constructor(private readonly options: ApplicationStoreOptions) {
    this.watchedNamespace = appNamespaceFilter(options.controlNamespace, options.appNamespaces);
    const clusterWide = options.appNamespaces.length > 0;
    this.appWatch = new ListWatch<Application>(
      options.http,
      clusterWide
        ? '/apis/argoproj.io/v1alpha1/applications'
        : `/apis/argoproj.io/v1alpha1/namespaces/${options.controlNamespace}/applications`,
      {
        replace: (items) => {
          const seen = new Set<string>();
          for (const app of items.filter((item) => this.isWatchedNamespace(item))) {
            seen.add(appKeyOf(app));
            this.upsert(app);
          }
          for (const [key, entry] of this.apps) if (!seen.has(key)) this.remove(entry.app);
        },
        event: (type, app) => {
          if (!this.isWatchedNamespace(app)) return;
          if (type === 'DELETED') this.remove(app);
          else this.upsert(app);
        },
        failed: (error) => options.onProblem(`watching Applications: ${error.message}`),
      },
    );
    this.projectWatch = new ListWatch<AppProject>(
      options.http,
      `/apis/argoproj.io/v1alpha1/namespaces/${options.controlNamespace}/appprojects`,
      {
        replace: (items) => {
          const names = new Set(items.map((project) => project.metadata.name ?? ''));
          for (const name of [...this.projects.keys()])
            if (!names.has(name)) {
              this.projects.delete(name);
              options.onProject(name);
            }
          for (const project of items) this.setProject(project);
        },
        event: (type, project) => {
          const name = project.metadata.name ?? '';
          if (type === 'DELETED') {
            this.projects.delete(name);
            options.onProject(name);
          } else this.setProject(project);
        },
        failed: (error) => options.onProblem(`watching AppProjects: ${error.message}`),
      },
    );
  }

  /** Projects first, so the first refreshes see them. */
  async start(): Promise<void> {
    await this.projectWatch.start();
    await this.appWatch.start();
  }

  stop(): void {
    this.appWatch.stop();
    this.projectWatch.stop();
  }

  get(key: string): Application | undefined {
    return this.apps.get(key)?.app;
  }

  /** Replaces the stored copy with what a patch returned, so the next refresh diffs against it. */
  patched(app: Application): void {
    const entry = this.apps.get(appKeyOf(app));
    if (!entry) return;
    entry.app = app;
    // Its own watch event must not look like a change (the refresh annotation it removed, say).
    entry.signature = refreshSignature(app);
    entry.operation = operationSignature(app);
  }

  keys(): string[] {
    return [...this.apps.keys()];
  }

  all(): Application[] {
    return [...this.apps.values()].map((entry) => entry.app);
  }

  project(name: string): AppProject | undefined {
    return this.projects.get(name);
  }

  get size(): number {
    return this.apps.size;
  }

  private isWatchedNamespace(app: Application): boolean {
    return this.watchedNamespace(app.metadata.namespace ?? this.options.controlNamespace);
  }

  private upsert(app: Application): void {
    const key = appKeyOf(app);
    const signature = refreshSignature(app);
    const operation = operationSignature(app);
    const previous = this.apps.get(key);
    // A watch event older than the copy a patch of ours returned (sent before it, delivered after):
    // the patched copy stays, and this event's own successor arrives later.
    if (isOlderVersion(app.metadata.resourceVersion, previous?.app.metadata.resourceVersion)) return;
    this.apps.set(key, { app, signature, operation });
    if (previous?.operation !== operation && hasOperationWork(app)) this.options.onOperation?.(key, app);
    if (previous?.signature === signature) return;
    const refresh = app.metadata.annotations?.[REFRESH_ANNOTATION];
    this.options.onApp({
      type: 'changed',
      key,
      app,
      refresh: refresh === 'hard' ? 'hard' : refresh !== undefined ? 'normal' : undefined,
    });
  }

  private remove(app: Application): void {
    const key = appKeyOf(app);
    if (!this.apps.delete(key)) return;
    this.options.onApp({ type: 'deleted', key, app });
  }

  private setProject(project: AppProject): void {
    const name = project.metadata.name ?? '';
    if (this.projects.get(name)?.metadata.resourceVersion === project.metadata.resourceVersion) return;
    this.projects.set(name, project);
    this.options.onProject(name);
  }
}
