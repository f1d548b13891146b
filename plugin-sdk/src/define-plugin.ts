// Factories that turn a plugin author's handlers into a typed plugin
// definition: the object a bundle default-exports and the sandbox loads.
import { CONTRACT_API_VERSION } from './contracts/contract-version';
import {
  type ExtensionPoint,
  type ExtensionPointMethods,
  type InputOf,
  type MethodOf,
  type OutputOf,
} from './contracts/extension-points';
import { type HostApi } from './host-api';

export type Handler<I, O> = (input: I, host: HostApi) => O | Promise<O>;

export type HandlersOf<P extends ExtensionPoint> = {
  [M in MethodOf<P>]: Handler<InputOf<P, M>, OutputOf<P, M>>;
};

/** Methods marked optional in extensionPoints may be left out. */
type OptionalMethods = { renderer: 'postRender' | 'detect' };
export type DefinedHandlers<P extends ExtensionPoint> = P extends keyof OptionalMethods
  ? Omit<HandlersOf<P>, OptionalMethods[P]> & Partial<Pick<HandlersOf<P>, OptionalMethods[P] & MethodOf<P>>>
  : HandlersOf<P>;

export interface PluginDefinition<P extends ExtensionPoint = ExtensionPoint> {
  readonly kind: 'DriftlessPlugin';
  readonly contract: typeof CONTRACT_API_VERSION;
  readonly extensionPoint: P;
  readonly handlers: Readonly<DefinedHandlers<P>>;
}

export function definePlugin<P extends ExtensionPoint>(
  extensionPoint: P,
  handlers: DefinedHandlers<P>,
): PluginDefinition<P> {
  return Object.freeze({
    kind: 'DriftlessPlugin',
    contract: CONTRACT_API_VERSION,
    extensionPoint,
    handlers: Object.freeze({ ...handlers }),
  });
}

export const defineSource = (handlers: DefinedHandlers<'source'>) => definePlugin('source', handlers);
export const defineRenderer = (handlers: DefinedHandlers<'renderer'>) => definePlugin('renderer', handlers);
export const defineGenerator = (handlers: DefinedHandlers<'generator'>) => definePlugin('generator', handlers);
export const defineHealthPlugin = (handlers: DefinedHandlers<'health'>) => definePlugin('health', handlers);
export const defineNotifier = (handlers: DefinedHandlers<'notifier'>) => definePlugin('notifier', handlers);
export const defineImageStrategy = (handlers: DefinedHandlers<'imageStrategy'>) =>
  definePlugin('imageStrategy', handlers);
export const defineAction = (handlers: DefinedHandlers<'action'>) => definePlugin('action', handlers);

/** Kept in ExtensionPointMethods for typing; re-exported for authors who write generic helpers. */
export type { ExtensionPointMethods };
