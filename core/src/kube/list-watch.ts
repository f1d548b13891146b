// List, then watch from the list's resourceVersion, for as long as it runs:
// the informer loop every cache of the controller is built on. A watch that
// ends is reopened where it stopped (bookmarks keep that point fresh); a 410
// (the point is older than the server's watch history) or repeated failures
// re-list, and the handler receives the whole set again so it can drop what
// vanished meanwhile. Failures back off from 500 ms to 30 s.
import { KubeHttpError, type KubeHttp, type WatchEvent } from './kube-http';

export interface KubeObjectLike {
  metadata?: { resourceVersion?: string; uid?: string; name?: string; namespace?: string };
}

export interface ListWatchHandlers<T> {
  /** The complete current set, after the first list and after every re-list. */
  replace(items: T[]): void;
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T): void;
  /** A failure the loop will retry; for status and logs. */
  failed?(error: Error): void;
}

export interface ListWatchOptions {
  query?: Record<string, string>;
  pageSize?: number;
  /**
   * Seconds after which the server ends a watch (jittered ±10 %), so a stuck connection cannot
   * last; below undici's 300 s body timeout, which would otherwise end quiet watches as errors.
   */
  watchTimeoutSeconds?: number;
}

const maxBackoffMs = 30_000;

export class ListWatch<T extends KubeObjectLike> {
  private abort = new AbortController();
  private resourceVersion = '';
  private running = false;
  private firstList: Promise<void> | undefined;
  /** When the cache last matched the server (list done or event seen). */
  lastSyncAt = 0;
  lastError: Error | undefined;

  constructor(
    private readonly http: KubeHttp,
    private readonly path: string,
    private readonly handlers: ListWatchHandlers<T>,
    private readonly options: ListWatchOptions = {},
  ) {}

  /** Starts the loop; resolves after the first complete list (rejects if it fails; then call again). */
  start(): Promise<void> {
    if (this.firstList) return this.firstList;
    this.running = true;
    const firstList = this.list();
    this.firstList = firstList;
    void firstList.then(
      () => void this.loop(),
      // A failed first list may be tried again (the CRD or namespace may appear later).
      () => {
        if (this.firstList === firstList) this.firstList = undefined;
      },
    );
    return firstList;
  }

  stop(): void {
    this.running = false;
    this.abort.abort();
  }

  private async list(): Promise<void> {
    const items: T[] = [];
    this.resourceVersion = await this.http.listAll<T>(
      this.path,
      (page) => {
        for (const item of page) items.push(item);
      },
      this.options.query,
      this.options.pageSize,
    );
    this.handlers.replace(items);
    this.lastSyncAt = Date.now();
    this.lastError = undefined;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let mustRelist = false;
    while (this.running) {
      try {
        if (mustRelist) {
          await this.list();
          mustRelist = false;
        }
        mustRelist = await this.watchOnce();
        failures = 0;
      } catch (error) {
        if (!this.running) return;
        failures += 1;
        const failure = error instanceof Error ? error : new Error(String(error));
        this.lastError = failure;
        this.handlers.failed?.(failure);
        if (failure instanceof KubeHttpError && failure.status === 410) mustRelist = true;
        // After a few failures the point we watch from may be gone: start over from a list.
        if (failures >= 3) mustRelist = true;
        await this.sleep(Math.min(maxBackoffMs, 500 * 2 ** (failures - 1)));
      }
    }
  }

  /** One watch connection; true when the server said the resourceVersion is too old. */
  private async watchOnce(): Promise<boolean> {
    let expired = false;
    const timeout = this.options.watchTimeoutSeconds ?? 240;
    await this.http.watch<T & { code?: number }>(
      this.path,
      {
        ...this.options.query,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: Math.round(timeout * (0.9 + Math.random() * 0.2)),
      },
      (event: WatchEvent<T & { code?: number }>) => {
        if (event.type === 'ERROR') {
          if (event.object.code === 410) expired = true;
          else this.handlers.failed?.(new Error(`watch ${this.path}: ${JSON.stringify(event.object)}`));
          return;
        }
        const version = event.object.metadata?.resourceVersion;
        if (version) this.resourceVersion = version;
        this.lastSyncAt = Date.now();
        if (event.type !== 'BOOKMARK') this.handlers.event(event.type, event.object);
      },
      this.abort.signal,
    );
    return expired;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
