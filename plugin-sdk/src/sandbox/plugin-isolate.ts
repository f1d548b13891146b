// One plugin's isolate inside a runner process: created from the bundle
// source, called one call at a time, and disposed (then lazily re-created)
// whenever a call breaches its CPU, wall-clock or memory limit.
import ivm from 'isolated-vm';
import { extensionPoints, methodSpec } from '../contracts/extension-points';
import { CONTRACT_API_VERSION } from '../contracts/contract-version';
import { PluginError, isPluginErrorCode, type PluginErrorCode } from '../errors';
import { type HostCallRouter } from './host-call-router';
import { isolateBootstrapSource } from './isolate-bootstrap';
import { type CallContext, type CallResult, type LoadSpec } from './runner-protocol';

interface Instance {
  isolate: ivm.Isolate;
  context: ivm.Context;
  dispatch: ivm.Reference<(kind: string, ...args: unknown[]) => string | Promise<string> | undefined>;
}

export class PluginIsolate {
  private instance: Instance | undefined;
  /** Calls run one after another so CPU time is attributable to one call. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Why the runner itself disposed the isolate during the current call. */
  private breach: PluginError | undefined;

  constructor(
    readonly spec: LoadSpec,
    private readonly router: HostCallRouter,
  ) {}

  /** Creates the isolate now (if needed) and returns how long that took in ms. */
  async warm(): Promise<number> {
    if (this.instance && !this.instance.isolate.isDisposed) return 0;
    const started = performance.now();
    this.instance = await this.create();
    return performance.now() - started;
  }

  call(method: string, inputJson: string, context: CallContext): Promise<CallResult> {
    const result = this.queue.then(() => this.runCall(method, inputJson, context));
    this.queue = result.catch(() => undefined);
    return result;
  }

  dispose(): void {
    if (this.instance && !this.instance.isolate.isDisposed) this.instance.isolate.dispose();
    this.instance = undefined;
  }

  private fail(code: PluginErrorCode, message: string): PluginError {
    return new PluginError(code, message, this.spec.key);
  }

  private async create(): Promise<Instance> {
    const { limits, source } = this.spec;
    const isolate = new ivm.Isolate({
      memoryLimit: limits.memoryMb,
      // A V8 catastrophic error leaves the process unusable: end the runner; the pool restarts it.
      onCatastrophicError: (message) => {
        process.stderr.write(`driftless runner: V8 catastrophic error in ${this.spec.key}: ${message}\n`);
        process.abort();
      },
    });
    try {
      const context = await isolate.createContext();
      const dispatchRef: { current?: Instance['dispatch'] } = {};
      // The isolate never waits on the runner: it fires the call and is answered through 'settle'.
      const hostCallback = new ivm.Callback(
        (id: unknown, capability: unknown, operation: unknown, argsJson: unknown) => {
          void this.router.handle(capability, operation, argsJson).then(
            (resultJson) => settle(dispatchRef.current, id, true, resultJson),
            (error: unknown) =>
              settle(dispatchRef.current, id, false, error instanceof Error ? error.message : String(error)),
          );
        },
        { ignored: true },
      );
      const dispatch = (await context.evalClosure(isolateBootstrapSource, [hostCallback, limits.maxOutputBytes], {
        result: { reference: true },
        timeout: limits.cpuMsPerCall,
      })) as Instance['dispatch'];
      dispatchRef.current = dispatch;
      // The bundle's top-level `var __driftlessPlugin` stays local to this wrapper; its exports
      // go straight to the bootstrap, never onto globalThis.
      const script = await isolate.compileScript(
        `(function () {\n${source}\n;return typeof __driftlessPlugin === 'undefined' ? undefined : __driftlessPlugin;\n})()`,
        { filename: `plugin:${this.spec.key}` },
      );
      const exported = await script.run(context, { timeout: limits.cpuMsPerCall, reference: true });
      script.release();
      const reply = dispatch.applySync(undefined, ['register', exported.derefInto()], { timeout: limits.cpuMsPerCall });
      const registered = typeof reply === 'string' ? reply : 'E the bundle could not be registered';
      exported.release();
      this.checkDefinition(registered);
      return { isolate, context, dispatch };
    } catch (error) {
      const disposedByMemory = isolate.isDisposed;
      if (!isolate.isDisposed) isolate.dispose();
      if (error instanceof PluginError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (disposedByMemory || /memory limit/i.test(message)) {
        throw this.fail('PLUGIN_MEMORY_LIMIT', `loading the bundle exceeded ${limits.memoryMb} MB`);
      }
      if (/timed out/i.test(message))
        throw this.fail('PLUGIN_TIMEOUT', `loading the bundle ran past ${limits.cpuMsPerCall} ms`);
      throw this.fail('PLUGIN_INVALID_BUNDLE', `the bundle failed to evaluate: ${message.split('\n')[0] ?? ''}`);
    }
  }

  private checkDefinition(registered: string): void {
    if (!registered.startsWith('R')) throw this.fail('PLUGIN_INVALID_BUNDLE', registered.slice(2));
    const info = JSON.parse(registered.slice(1)) as { contract: string; extensionPoint: string; methods: string[] };
    if (info.contract !== CONTRACT_API_VERSION) {
      throw this.fail(
        'PLUGIN_CONTRACT_MISMATCH',
        `the bundle implements ${info.contract} but this kernel runs ${CONTRACT_API_VERSION} — rebuild it with a matching @driftless/plugin-sdk`,
      );
    }
    if (info.extensionPoint !== this.spec.extensionPoint) {
      throw this.fail(
        'PLUGIN_INVALID_BUNDLE',
        `the bundle defines a ${info.extensionPoint} plugin but its manifest contributes ${this.spec.extensionPoint}`,
      );
    }
    const point = this.spec.extensionPoint;
    const missing = Object.keys(extensionPoints[point]).filter(
      (method) => !methodSpec(point, method)?.optional && !info.methods.includes(method),
    );
    if (missing.length > 0)
      throw this.fail('PLUGIN_INVALID_BUNDLE', `the bundle lacks ${point} method(s) ${missing.join(', ')}`);
  }

  private async runCall(method: string, inputJson: string, context: CallContext): Promise<CallResult> {
    if (!methodSpec(this.spec.extensionPoint, method)) {
      throw this.fail('PLUGIN_NOT_FOUND', `${this.spec.extensionPoint} has no method ${method}`);
    }
    await this.warm();
    const instance = this.instance;
    if (!instance) throw this.fail('PLUGIN_INVALID_BUNDLE', 'the isolate could not be created');
    const { limits } = this.spec;
    const session = this.router.begin(this.spec, context);
    this.breach = undefined;
    const cpuAtStart = instance.isolate.cpuTime;
    const cpuUsedMs = (): number =>
      instance.isolate.isDisposed ? 0 : Number(instance.isolate.cpuTime - cpuAtStart) / 1e6;
    const watchdog = this.watch(instance, cpuUsedMs);
    try {
      const reply = await instance.dispatch.apply(undefined, ['invoke', method, inputJson], {
        arguments: { copy: true },
        result: { promise: true, copy: true },
        timeout: limits.cpuMsPerCall,
      });
      const text = String(reply);
      const logs = session.log.drain();
      if (text.startsWith('R')) return { outputJson: text.slice(1), logs, cpuMs: cpuUsedMs() };
      const code = text.startsWith('O') ? 'PLUGIN_INVALID_OUTPUT' : 'PLUGIN_CALL_FAILED';
      throw Object.assign(this.classify(code, text.slice(1), method), { logs });
    } catch (error) {
      if (error instanceof PluginError) throw error;
      throw Object.assign(this.classifyRuntimeError(error, instance, method), { logs: session.log.drain() });
    } finally {
      watchdog.stop();
      this.router.end(session);
    }
  }

  /** A message from the isolate may carry a host error's code (PLUGIN_CAPABILITY_DENIED: …). */
  private classify(fallback: PluginErrorCode, message: string, method: string): PluginError {
    const prefixed = /^(PLUGIN_[A-Z_]+): (?:plugin \S+: )?(.*)$/s.exec(message);
    if (prefixed && isPluginErrorCode(prefixed[1])) return this.fail(prefixed[1], `${method}: ${prefixed[2] ?? ''}`);
    return this.fail(fallback, `${method}: ${message}`);
  }

  private classifyRuntimeError(error: unknown, instance: Instance, method: string): PluginError {
    if (this.breach) {
      this.dispose();
      return this.breach;
    }
    const message = error instanceof Error ? error.message : String(error);
    const { limits } = this.spec;
    if (instance.isolate.isDisposed || /memory limit/i.test(message)) {
      this.dispose();
      return this.fail(
        'PLUGIN_MEMORY_LIMIT',
        `${method} exceeded the ${limits.memoryMb} MB memory limit; the isolate was recycled`,
      );
    }
    this.dispose();
    if (/timed out/i.test(message)) {
      return this.fail(
        'PLUGIN_TIMEOUT',
        `${method} ran past ${limits.cpuMsPerCall} ms of CPU; the isolate was recycled`,
      );
    }
    return this.fail('PLUGIN_CALL_FAILED', `${method}: ${message.split('\n')[0] ?? ''}`);
  }

  /**
   * Enforces the wall-clock limit and samples CPU time for the asynchronous
   * part of a call (the `timeout` option only bounds the synchronous part).
   */
  private watch(instance: Instance, cpuUsedMs: () => number): { stop(): void } {
    const { cpuMsPerCall, wallMsPerCall } = this.spec.limits;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const breach = (error: PluginError): void => {
      this.breach = error;
      if (!instance.isolate.isDisposed) instance.isolate.dispose();
    };
    const check = (): void => {
      // Disposed meanwhile (memory limit): the call is failing already.
      if (instance.isolate.isDisposed) return;
      const wallMs = performance.now() - started;
      if (wallMs >= wallMsPerCall) {
        return breach(
          this.fail(
            'PLUGIN_TIMEOUT',
            `the call ran past its ${wallMsPerCall} ms wall-clock limit; the isolate was recycled`,
          ),
        );
      }
      const cpuMs = cpuUsedMs();
      if (cpuMs >= cpuMsPerCall) {
        return breach(
          this.fail('PLUGIN_TIMEOUT', `the call used more than ${cpuMsPerCall} ms of CPU; the isolate was recycled`),
        );
      }
      // CPU time cannot grow faster than wall time, so the next useful check is the nearer budget.
      timer = setTimeout(check, Math.max(5, Math.min(cpuMsPerCall - cpuMs, wallMsPerCall - wallMs)));
    };
    timer = setTimeout(check, Math.min(cpuMsPerCall, wallMsPerCall));
    return { stop: () => clearTimeout(timer) };
  }
}

function settle(
  dispatch: Instance['dispatch'] | undefined,
  id: unknown,
  ok: boolean,
  payload: string | undefined,
): void {
  if (!dispatch) return;
  // The isolate may be gone (disposed after a breach); its pending host calls go with it.
  dispatch.apply(undefined, ['settle', id, ok, payload], { arguments: { copy: true } }).catch(() => undefined);
}
