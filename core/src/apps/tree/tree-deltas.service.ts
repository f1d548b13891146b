// Tree deltas the controller publishes, for this API process's subscribers:
// one Redis connection subscribes to an app's channel while at least one
// client watches that app, so a process hears only the apps it serves.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { treeKeys } from '../../controller/tree/tree-keys';
import { type TreeDeltaMessage } from '../../controller/tree/tree-node';
import { RedisConnections } from '../../redis/redis-connections.service';

/** Messages a slow client may fall behind by; past that it is sent the whole tree again. */
const MAX_PENDING = 256;

export interface DeltaSubscription {
  /** Resolves once Redis confirmed the channel: deltas published after this are heard. */
  ready: Promise<void>;
  /** The next delta; a `reset` message when this subscriber fell behind; undefined once closed. */
  next(): Promise<TreeDeltaMessage | undefined>;
  close(): void;
}

@Injectable()
export class TreeDeltas implements OnApplicationShutdown {
  private readonly logger = new Logger('resource-tree-deltas');
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<(message: TreeDeltaMessage) => void>>();

  constructor(
    private readonly connections: RedisConnections,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  listen(appKey: string): DeltaSubscription {
    const channel = treeKeys(this.config.namespace, appKey).deltas;
    const pending: TreeDeltaMessage[] = [];
    let waiting: ((message: TreeDeltaMessage | undefined) => void) | undefined;
    let closed = false;
    const listener = (message: TreeDeltaMessage) => {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(message);
      } else if (pending.length >= MAX_PENDING) {
        pending.splice(0, pending.length, { from: -1, revision: message.revision, reset: true });
      } else pending.push(message);
    };
    let listeners = this.listeners.get(channel);
    const first = !listeners;
    if (!listeners) this.listeners.set(channel, (listeners = new Set()));
    listeners.add(listener);
    const ready = first
      ? this.redis()
          .subscribe(channel)
          .then(() => undefined)
      : Promise.resolve();
    return {
      ready,
      next: () => {
        if (closed) return Promise.resolve(undefined);
        const message = pending.shift();
        if (message) return Promise.resolve(message);
        return new Promise((resolve) => (waiting = resolve));
      },
      close: () => {
        if (closed) return;
        closed = true;
        waiting?.(undefined);
        waiting = undefined;
        this.remove(channel, listener);
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await this.subscriber?.quit().catch(() => undefined);
  }

  private remove(channel: string, listener: (message: TreeDeltaMessage) => void): void {
    const listeners = this.listeners.get(channel);
    if (!listeners) return;
    listeners.delete(listener);
    if (listeners.size > 0) return;
    this.listeners.delete(channel);
    this.subscriber?.unsubscribe(channel).catch(() => undefined);
  }

  private redis(): Redis {
    if (!this.subscriber) {
      this.subscriber = this.connections.create('resource-tree-deltas');
      this.subscriber.on('message', (channel: string, text: string) => {
        const listeners = this.listeners.get(channel);
        if (!listeners) return;
        let message: TreeDeltaMessage;
        try {
          message = JSON.parse(text) as TreeDeltaMessage;
        } catch {
          this.logger.warn(`unreadable tree delta on ${channel}`);
          return;
        }
        for (const listener of listeners) listener(message);
      });
    }
    return this.subscriber;
  }
}
