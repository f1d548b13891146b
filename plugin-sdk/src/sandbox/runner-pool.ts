// A small supervised pool of runner processes. A plugin is pinned to one
// runner (by its key) so its isolate stays warm; a runner that dies is
// replaced, with a growing delay if it keeps dying. A plugin can also get a
// runner of its own (a third-party plugin): some failures — a V8 fatal error
// on a huge allocation — kill the whole process, and then only that plugin's
// calls fail.
import { PluginError } from '../errors';
import { RunnerProcess, type RunnerTransportOptions } from './runner-process';

export interface RunnerPoolOptions extends RunnerTransportOptions {
  size?: number;
  /** A runner that stays up this long resets the crash-loop backoff (default 10 s). */
  crashLoopResetMs?: number;
  /** Called after a runner that died has been replaced; `ms` is the time to ready. */
  onRestart?: (event: { slot: number | string; ms: number; pid: number | undefined }) => void;
}

interface Slot {
  /** The shared slot's index, or the key of the plugin the runner is dedicated to. */
  name: number | string;
  runner: RunnerProcess;
  crashes: number;
  /** Resolves when a replacement for a dead runner is in place. */
  replaced: Promise<void>;
  markReplaced: () => void;
}

const maxRestartDelayMs = 5_000;

export class RunnerPool {
  private readonly slots: Slot[] = [];
  private readonly dedicated = new Map<string, Slot>();
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: RunnerPoolOptions = {}) {}

  get size(): number {
    return Math.max(1, this.options.size ?? 2);
  }

  async start(): Promise<void> {
    for (let index = 0; index < this.size; index += 1) this.slots.push(this.newSlot(index));
    await Promise.all(this.slots.map((slot) => slot.runner.ready));
  }

  /** Gives `key` a runner of its own (until `release`); its calls no longer share a process. */
  dedicate(key: string): void {
    if (this.stopped || this.dedicated.has(key)) return;
    this.dedicated.set(key, this.newSlot(key));
  }

  /** Stops the runner dedicated to `key`, if any. */
  async release(key: string): Promise<void> {
    const slot = this.dedicated.get(key);
    if (!slot) return;
    this.dedicated.delete(key);
    slot.markReplaced();
    await slot.runner.kill('SIGTERM');
  }

  /** The live runner for a plugin key, waiting for it to be ready. */
  async runnerFor(key: string): Promise<RunnerProcess> {
    if (this.stopped || this.slots.length === 0)
      throw new PluginError('PLUGIN_RUNNER_CRASHED', 'the runner pool is not running', key);
    const slot = this.dedicated.get(key) ?? this.slots[slotIndex(key, this.slots.length)];
    if (!slot) throw new PluginError('PLUGIN_RUNNER_CRASHED', 'no runner slot', key);
    // A call arriving while a runner is being replaced waits for the new one.
    if (!slot.runner.isAlive) await slot.replaced;
    await slot.runner.ready;
    return slot.runner;
  }

  runners(): RunnerProcess[] {
    return [...this.slots, ...this.dedicated.values()].map((slot) => slot.runner);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    const all = [...this.slots, ...this.dedicated.values()];
    for (const slot of all) slot.markReplaced();
    await Promise.all(all.map((slot) => slot.runner.kill('SIGTERM')));
  }

  private newSlot(name: number | string): Slot {
    const slot: Slot = {
      name,
      runner: new RunnerProcess(this.options),
      crashes: 0,
      replaced: Promise.resolve(),
      markReplaced: () => undefined,
    };
    this.supervise(slot);
    return slot;
  }

  /** Replaces the slot's runner when it exits. */
  private supervise(slot: Slot): void {
    const { runner } = slot;
    void runner.exited.then(() => this.replace(slot, runner));
  }

  private isCurrent(slot: Slot): boolean {
    return typeof slot.name === 'number' ? this.slots[slot.name] === slot : this.dedicated.get(slot.name) === slot;
  }

  private replace(slot: Slot, dead: RunnerProcess): void {
    if (this.stopped || !this.isCurrent(slot) || slot.runner !== dead) return;
    slot.crashes += 1;
    slot.replaced = new Promise((resolve) => (slot.markReplaced = resolve));
    const delay = slot.crashes <= 1 ? 0 : Math.min(maxRestartDelayMs, 50 * 2 ** slot.crashes);
    const started = performance.now();
    const restart = (): void => {
      if (this.stopped || !this.isCurrent(slot)) return;
      const runner = new RunnerProcess(this.options);
      slot.runner = runner;
      this.supervise(slot);
      slot.markReplaced();
      runner.ready.then(
        () => {
          // A runner that stayed up for a while resets the crash-loop backoff.
          this.later(() => {
            if (slot.runner === runner && runner.isAlive) slot.crashes = 0;
          }, this.options.crashLoopResetMs ?? 10_000).unref();
          this.options.onRestart?.({ slot: slot.name, ms: performance.now() - started, pid: runner.pid });
        },
        () => undefined,
      );
    };
    if (delay === 0) restart();
    else this.later(restart, delay);
  }

  private later(work: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    this.timers.add(timer);
    return timer;
  }
}

function slotIndex(key: string, size: number): number {
  let hash = 0;
  for (let index = 0; index < key.length; index += 1) hash = (hash * 31 + key.charCodeAt(index)) >>> 0;
  return hash % size;
}
