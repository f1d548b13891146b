// The overlay that applies an Application's kustomize options. Argo CD runs
// `kustomize edit set|add ...` on the app's kustomization; kubectl has no
// `edit`, and the workspace copy's files are not ours to rewrite, so the
// options go into a new kustomization that has the app directory as its
// only resource. Its fields are what those edits would write; the README
// lists where the two differ.
import { type BuildEnvironment, envsubst } from '@driftless/render-kit';
import { overlayImages, parseImageOverride, type KustomizeImage } from './image-override';
import { type Kustomization } from './kustomization-file';
import { type KustomizeOptions } from './kustomize-options';
import { fromOverlayDir, isRemote, joinPath } from './workspace-path';

export interface OverlayInputs {
  appPath: string;
  options: KustomizeOptions;
  /** The app's own kustomization, for the checks `kustomize edit` makes against it. */
  appKustomization: Kustomization;
  environment: BuildEnvironment;
  /** Content of each `patches[].path`, by the path as written. */
  patchFiles: Record<string, string>;
  /** Components (as written) that exist; the others are dropped when ignoreMissingComponents. */
  existingComponents: Set<string>;
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function addMetadata(
  kind: 'label' | 'annotation',
  values: Record<string, string>,
  existing: Record<string, unknown>,
  force: boolean,
): Record<string, string> {
  if (!force) {
    const taken = Object.keys(values).find((key) => Object.hasOwn(existing, key));
    if (taken !== undefined)
      throw new Error(
        `${kind} "${taken}" is already in the kustomization file; set force${kind === 'label' ? 'CommonLabels' : 'CommonAnnotations'} to override it`,
      );
  }
  return values;
}

export function overlayKustomization(inputs: OverlayInputs): Record<string, unknown> {
  const { appPath, options, appKustomization, environment } = inputs;
  const overlay: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [fromOverlayDir(appPath)],
  };
  if (options.namePrefix !== '') overlay.namePrefix = options.namePrefix;
  if (options.nameSuffix !== '') overlay.nameSuffix = options.nameSuffix;
  if (options.images.length > 0) {
    const overrides = options.images.map((image) => parseImageOverride(envsubst(image, environment)));
    const appImages = (Array.isArray(appKustomization.images) ? appKustomization.images : []) as KustomizeImage[];
    overlay.images = overlayImages(overrides, appImages);
  }
  if (options.replicas.length > 0) overlay.replicas = options.replicas.map(({ name, count }) => ({ name, count }));
  const labels = Object.fromEntries(
    Object.entries(options.commonLabels).map(([key, value]) => [key, envsubst(value, environment)]),
  );
  if (Object.keys(labels).length > 0) {
    if (options.labelWithoutSelector) {
      overlay.labels = [
        { pairs: labels, includeSelectors: false, ...(options.labelIncludeTemplates && { includeTemplates: true }) },
      ];
    } else {
      overlay.commonLabels = addMetadata(
        'label',
        labels,
        record(appKustomization.commonLabels),
        options.forceCommonLabels,
      );
    }
  }
  const annotations = options.commonAnnotationsEnvsubst
    ? Object.fromEntries(
        Object.entries(options.commonAnnotations).map(([key, value]) => [key, envsubst(value, environment)]),
      )
    : options.commonAnnotations;
  if (Object.keys(annotations).length > 0)
    overlay.commonAnnotations = addMetadata(
      'annotation',
      annotations,
      record(appKustomization.commonAnnotations),
      options.forceCommonAnnotations,
    );
  if (options.namespace !== '') overlay.namespace = options.namespace;
  if (options.patches.length > 0) {
    overlay.patches = options.patches.map(({ path, patch, target, options: patchOptions }) => ({
      // A path is relative to the app directory; its content is inlined so the overlay's load restrictor allows it.
      patch: path !== undefined ? inputs.patchFiles[path] : patch,
      ...(target && { target }),
      ...(patchOptions && { options: patchOptions }),
    }));
  }
  const components = options.components.filter(
    (component) => !options.ignoreMissingComponents || inputs.existingComponents.has(component),
  );
  if (components.length > 0) {
    overlay.components = components.map((component) => {
      if (isRemote(component)) return component;
      const resolved = joinPath(appPath, component);
      if (resolved === undefined) throw new Error(`component "${component}" leaves the repository`);
      return fromOverlayDir(resolved);
    });
  }
  return overlay;
}
