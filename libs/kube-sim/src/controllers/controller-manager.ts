// Runs the simulated controllers of one cluster. Each controller reacts to
// store events for the kinds it watches and reconciles one object at a time;
// reconciles are queued (deduplicated) and run on the next tick, and delayed
// work goes through timers that stop() clears.
import type { ClusterApi } from '../api/cluster-api';
import { ApiError } from '../api/status';
import type { StoreEvent } from '../store/object-store';
import type { SimTiming } from '../timing';
import { controllers as allControllers } from './registry';

export interface ObjectKey {
  key: string;
  namespace: string | undefined;
  name: string;
}

export interface ControllerContext {
  api: ClusterApi;
  timing: SimTiming;
  /** Queues a reconcile of `target` by the controller named `controller`. */
  enqueue(controller: string, target: ObjectKey): void;
  /** Runs `work` after `delayMs` unless the cluster stops first. */
  after(delayMs: number, work: () => void): void;
}

export interface Controller {
  name: string;
  /** Store keys (group/plural) whose events this controller sees; '*' for all. */
  watches: string[];
  /** Maps an event to the objects to reconcile (default: the object itself). */
  targets?(event: StoreEvent, context: ControllerContext): ObjectKey[];
  reconcile(target: ObjectKey, context: ControllerContext): void;
  /** Periodic work (e.g. CronJob schedules), every `intervalMs`. */
  tick?: { intervalMs: (timing: SimTiming) => number; run(context: ControllerContext): void };
}

export class ControllerManager {
  private readonly queue = new Map<string, { controller: Controller; target: ObjectKey }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private flushScheduled = false;
  private unsubscribe: (() => void) | undefined;
  private running = false;
  private readonly context: ControllerContext;
  /** Errors reconciles threw (other than expected API conflicts), for tests to inspect. */
  readonly errors: { controller: string; target: ObjectKey; error: unknown }[] = [];

  constructor(
    private readonly api: ClusterApi,
    timing: SimTiming,
    private readonly controllers: Controller[] = allControllers,
  ) {
    this.context = {
      api,
      timing,
      enqueue: (name, target) => {
        const controller = this.controllers.find((candidate) => candidate.name === name);
        if (controller) this.enqueue(controller, target);
      },
      after: (delayMs, work) => this.after(delayMs, work),
    };
  }

  start(): void {
    this.running = true;
    this.unsubscribe = this.api.store.subscribe((event) => this.onEvent(event));
    for (const controller of this.controllers) {
      const keys = controller.watches.includes('*') ? this.api.store.keys() : controller.watches;
      for (const key of keys) {
        for (const object of this.api.store.list(key)) {
          this.onEvent({ revision: 0, type: 'ADDED', key, object, previous: undefined }, controller);
        }
      }
      if (controller.tick) {
        const tick = controller.tick;
        const interval = setInterval(
          () => this.safely(controller, { key: '', namespace: undefined, name: '' }, () => tick.run(this.context)),
          tick.intervalMs(this.context.timing),
        );
        interval.unref();
        this.timers.add(interval);
      }
    }
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.clear();
  }

  /** Resolves once no reconcile is queued (timers may still be pending). */
  async idle(): Promise<void> {
    while (this.queue.size > 0 || this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
  }

  private onEvent(event: StoreEvent, only?: Controller): void {
    for (const controller of only ? [only] : this.controllers) {
      if (!controller.watches.includes(event.key) && !controller.watches.includes('*')) continue;
      const targets = controller.targets
        ? controller.targets(event, this.context)
        : [{ key: event.key, namespace: event.object.metadata.namespace, name: event.object.metadata.name ?? '' }];
      for (const target of targets) this.enqueue(controller, target);
    }
  }

  private enqueue(controller: Controller, target: ObjectKey): void {
    if (!this.running) return;
    this.queue.set(`${controller.name}|${target.key}|${target.namespace ?? ''}|${target.name}`, { controller, target });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = [...this.queue.values()];
    this.queue.clear();
    for (const { controller, target } of batch) {
      if (!this.running) return;
      this.safely(controller, target, () => controller.reconcile(target, this.context));
    }
  }

  private safely(controller: Controller, target: ObjectKey, work: () => void): void {
    try {
      work();
    } catch (error) {
      // Conflicts, vanished objects and terminating namespaces are normal races; the next event retries.
      if (error instanceof ApiError && (error.code === 409 || error.code === 404 || error.code === 403)) return;
      if (this.errors.length < 100) this.errors.push({ controller: controller.name, target, error });
    }
  }

  private after(delayMs: number, work: () => void): void {
    if (!this.running) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.running) work();
    }, delayMs);
    this.timers.add(timer);
  }
}
