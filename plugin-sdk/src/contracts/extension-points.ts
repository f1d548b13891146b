// The extension points of contract driftless.io/plugin/v1: for each, the
// methods a plugin implements, their input and output, and how the kernel runs
// them when several plugins could answer (Rollup's first / sequential / parallel).
import { type ActionListInput, type ActionListOutput, type ActionRunInput, type ActionRunOutput } from './action';
import { type GeneratorInput, type GeneratorOutput } from './generator';
import { type HealthInput, type HealthOutput } from './health';
import { type ImageStrategyInput, type ImageStrategyOutput } from './image-strategy';
import { type NotifierInput, type NotifierOutput } from './notifier';
import { type RendererDetectOutput, type RendererInput, type RendererOutput } from './renderer';
import { type SourceInput, type SourceOutput } from './source';

/**
 * - `firstMatch`: the matching plugin with the highest precedence answers alone.
 * - `sequential`: every matching plugin runs in precedence order, each seeing the previous output.
 * - `parallel`: every matching plugin runs at once; one failing does not stop the others.
 */
export type RunMode = 'firstMatch' | 'sequential' | 'parallel';

export interface ExtensionPointMethods {
  source: { resolveRevision: [SourceInput, SourceOutput] };
  renderer: {
    render: [RendererInput, RendererOutput];
    postRender: [RendererInput, RendererOutput];
    detect: [RendererInput, RendererDetectOutput];
  };
  generator: { generate: [GeneratorInput, GeneratorOutput] };
  health: { assess: [HealthInput, HealthOutput] };
  notifier: { deliver: [NotifierInput, NotifierOutput] };
  imageStrategy: { choose: [ImageStrategyInput, ImageStrategyOutput] };
  action: { list: [ActionListInput, ActionListOutput]; run: [ActionRunInput, ActionRunOutput] };
}

export type ExtensionPoint = keyof ExtensionPointMethods;
export type MethodOf<P extends ExtensionPoint> = keyof ExtensionPointMethods[P] & string;
export type InputOf<P extends ExtensionPoint, M extends MethodOf<P>> = ExtensionPointMethods[P][M] extends [
  infer I,
  unknown,
]
  ? I
  : never;
export type OutputOf<P extends ExtensionPoint, M extends MethodOf<P>> = ExtensionPointMethods[P][M] extends [
  unknown,
  infer O,
]
  ? O
  : never;

export interface MethodSpec {
  runs: RunMode;
  /** Called on hot paths with many items per call. */
  batch: boolean;
  /** A plugin may leave it out. */
  optional: boolean;
}

export const extensionPoints: { [P in ExtensionPoint]: { [M in MethodOf<P>]: MethodSpec } } = {
  source: { resolveRevision: { runs: 'firstMatch', batch: false, optional: false } },
  renderer: {
    render: { runs: 'firstMatch', batch: false, optional: false },
    postRender: { runs: 'sequential', batch: false, optional: true },
    detect: { runs: 'firstMatch', batch: false, optional: true },
  },
  generator: { generate: { runs: 'firstMatch', batch: false, optional: false } },
  health: { assess: { runs: 'firstMatch', batch: true, optional: false } },
  notifier: { deliver: { runs: 'parallel', batch: false, optional: false } },
  imageStrategy: { choose: { runs: 'firstMatch', batch: false, optional: false } },
  action: {
    list: { runs: 'firstMatch', batch: false, optional: false },
    run: { runs: 'firstMatch', batch: false, optional: false },
  },
};

export const extensionPointNames = Object.keys(extensionPoints) as ExtensionPoint[];

export function isExtensionPoint(value: string): value is ExtensionPoint {
  return Object.hasOwn(extensionPoints, value);
}

export function methodSpec(point: ExtensionPoint, method: string): MethodSpec | undefined {
  const methods = extensionPoints[point] as Record<string, MethodSpec>;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}
