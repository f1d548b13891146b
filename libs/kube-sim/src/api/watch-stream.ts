// Serves one watch over a chunked HTTP response: one JSON event per line,
// BOOKMARKs when asked for, ERROR 410 when the requested revision is gone.
import type { ServerResponse } from 'node:http';
import { apiVersionOf, type ResourceType } from '../registry/resource-type';
import type { KubeObject } from '../store/kube-object';
import { toJson, type StoreWatch } from '../store/object-store';
import type { ClusterApi, ListQuery } from './cluster-api';
import { ApiError } from './status';

export interface WatchRequest extends ListQuery {
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
}

export interface WatchSettings {
  bookmarkIntervalMs: number;
  /** Closes the connection after this long (fault injection: dropped watches). */
  dropAfterMs: number | undefined;
  onDropped?: () => void;
  /** Renders an event's object (e.g. as a Table); default is the object's JSON. */
  render?: (object: KubeObject) => string;
}

/** Open watch responses of a cluster, so stop() can end them. */
export type WatchRegistry = Set<ServerResponse>;

export function serveWatch(
  api: ClusterApi,
  type: ResourceType,
  namespace: string | undefined,
  version: string,
  request: WatchRequest,
  response: ServerResponse,
  settings: WatchSettings,
  registry: WatchRegistry,
): void {
  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  response.flushHeaders();
  const apiVersion = apiVersionOf(type.group, version);
  const write = (eventType: string, object: KubeObject): void => {
    // Ended by the server (stopping, a timeout) before the watch was closed: nothing more to send.
    if (response.writableEnded || response.destroyed) return;
    const body =
      settings.render && eventType !== 'BOOKMARK'
        ? settings.render(object)
        : object.apiVersion === apiVersion
          ? toJson(object)
          : JSON.stringify({ ...object, apiVersion });
    response.write(`{"type":"${eventType}","object":${body}}\n`);
  };
  let watch: StoreWatch | undefined;
  const timers: NodeJS.Timeout[] = [];
  const finish = (): void => {
    watch?.close();
    for (const timer of timers) clearTimeout(timer);
    registry.delete(response);
    if (!response.writableEnded) response.end();
  };
  registry.add(response);
  response.on('close', finish);
  try {
    watch = api.watch(type, namespace, request, (eventType, object) => write(eventType, object));
  } catch (error) {
    if (error instanceof ApiError) {
      response.write(`{"type":"ERROR","object":${JSON.stringify(error.toStatus())}}\n`);
      finish();
      return;
    }
    throw error;
  }
  if (request.allowWatchBookmarks) {
    const bookmark = setInterval(() => {
      write('BOOKMARK', { kind: type.kind, apiVersion, metadata: { resourceVersion: String(api.store.revision) } });
    }, settings.bookmarkIntervalMs);
    timers.push(bookmark);
  }
  if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0)
    timers.push(setTimeout(finish, request.timeoutSeconds * 1000));
  if (settings.dropAfterMs !== undefined) {
    timers.push(
      setTimeout(() => {
        settings.onDropped?.();
        response.destroy();
      }, settings.dropAfterMs),
    );
  }
}
