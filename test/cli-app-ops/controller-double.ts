// A test double for the application controller (another process in real
// life): it watches Applications over the Kubernetes API and plays its part
// in the protocol the CLI relies on — takes `.operation`, reports Running in
// status.operationState, then writes the final phase with a sync result and
// removes `.operation` in one write; and, for apps it is told to, removes the
// resources finalizer of a deleted app as if its resources were gone. It
// answers only the apps a test names, so other tests see no controller.
import { type KubeConfig } from '@kubernetes/client-node';
import { type Application, type Operation, type OperationPhase, type ResourceResult } from '@driftless/schema';
import { KubeHttp, type WatchEvent } from '../../core/src/kube/kube-http';

export interface Outcome {
  phase: Exclude<OperationPhase, 'Running' | 'Terminating'>;
  message: string;
  resources: ResourceResult[];
}

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export class ControllerDouble {
  /** Operations taken, per app name, in order. */
  readonly taken = new Map<string, Operation[]>();
  private readonly outcomes = new Map<string, Outcome>();
  private readonly finalizing = new Set<string>();
  /** The finalizers each deleted app carried when the double let it go. */
  readonly released = new Map<string, string[]>();
  private readonly stopping = new AbortController();
  private queue: Promise<void> = Promise.resolve();
  private readonly http: KubeHttp;
  private running: Promise<void> | undefined;
  readonly errors: unknown[] = [];

  constructor(
    kubeConfig: KubeConfig,
    private readonly namespace: string,
  ) {
    this.http = new KubeHttp(kubeConfig);
  }

  /** Run operations of `name` to `outcome`. */
  answer(name: string, outcome: Outcome): void {
    this.outcomes.set(name, outcome);
  }

  /** Let deleted app `name` go once its resources finalizer is the only thing holding it. */
  finalize(name: string): void {
    this.finalizing.add(name);
  }

  start(): void {
    this.running = this.watchLoop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    await this.queue;
  }

  private get path(): string {
    return `/apis/argoproj.io/v1alpha1/namespaces/${this.namespace}/applications`;
  }

  private async watchLoop(): Promise<void> {
    let resourceVersion = await this.http.listAll<Application>(this.path, () => undefined);
    while (!this.stopping.signal.aborted) {
      try {
        await this.http.watch<Application>(
          this.path,
          { resourceVersion, allowWatchBookmarks: true },
          (event: WatchEvent<Application>) => {
            resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
            if (event.type === 'ADDED' || event.type === 'MODIFIED') {
              const app = event.object;
              this.queue = this.queue
                .then(() => this.react(app))
                .catch((error: unknown) => {
                  this.errors.push(error);
                });
            }
          },
          this.stopping.signal,
        );
      } catch (error) {
        if (!this.stopping.signal.aborted) this.errors.push(error);
      }
    }
  }

  private async react(app: Application): Promise<void> {
    const name = app.metadata.name ?? '';
    const outcome = this.outcomes.get(name);
    if (app.operation && outcome && app.status?.operationState?.phase !== 'Running') await this.run(app, outcome);
    if (app.metadata.deletionTimestamp && this.finalizing.has(name) && (app.metadata.finalizers ?? []).length > 0) {
      this.released.set(name, app.metadata.finalizers ?? []);
      await this.http.sendJson(
        'PATCH',
        `${this.path}/${name}`,
        { metadata: { finalizers: null } },
        'application/merge-patch+json',
      );
    }
  }

  private async run(app: Application, outcome: Outcome): Promise<void> {
    const name = app.metadata.name ?? '';
    const operation = app.operation as Operation;
    this.taken.set(name, [...(this.taken.get(name) ?? []), operation]);
    const startedAt = now();
    const patch = (body: unknown) =>
      this.http.sendJson('PATCH', `${this.path}/${name}`, body, 'application/merge-patch+json');
    await patch({
      status: { operationState: { operation, phase: 'Running', startedAt, message: 'one or more tasks are running' } },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await patch({
      operation: null,
      status: {
        operationState: {
          operation,
          phase: outcome.phase,
          message: outcome.message,
          startedAt,
          finishedAt: now(),
          syncResult: { revision: operation.sync?.revision ?? '0123456789abcdef', resources: outcome.resources },
        },
      },
    });
  }
}
