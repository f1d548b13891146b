// Marks rendered objects as belonging to their application, as Argo CD's
// repo-server does: the `argocd.argoproj.io/tracking-id` annotation
// (`<app>:<group>/<kind>:<namespace>/<name>`), the instance label, or both;
// plus the installation id when one is set. Pure.
import { type KubeObject } from '@driftless/plugin-sdk';
import { type TrackingMethod } from './manifest-request';

export const TRACKING_ID_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const INSTALLATION_ID_ANNOTATION = 'argocd.argoproj.io/installation-id';
export const DEFAULT_INSTANCE_LABEL = 'app.kubernetes.io/instance';

export interface TrackingOptions {
  method: TrackingMethod;
  labelKey: string;
  /** `<namespace>_<name>` for apps outside the control-plane namespace, else the name. */
  appInstance: string;
  destinationNamespace: string;
  installationID?: string;
}

export class TrackingError extends Error {}

/** Argo CD's instance name: apps in the control-plane namespace keep their name. */
export function appInstanceName(app: { name: string; namespace: string }, controlNamespace: string): string {
  return app.namespace === '' || app.namespace === controlNamespace ? app.name : `${app.namespace}_${app.name}`;
}

export function trackingId(object: KubeObject, appInstance: string, destinationNamespace: string): string {
  const slash = object.apiVersion.indexOf('/');
  const group = slash >= 0 ? object.apiVersion.slice(0, slash) : '';
  const namespace = object.metadata.namespace ?? destinationNamespace;
  return `${appInstance}:${group}/${object.kind}:${namespace}/${object.metadata.name ?? ''}`;
}

/** Returns new objects; the input is not changed. */
export function applyTracking(objects: readonly KubeObject[], options: TrackingOptions): KubeObject[] {
  const useLabel = options.method === 'label' || options.method === 'annotation+label';
  const useAnnotation = options.method !== 'label';
  if (useLabel && options.appInstance.length > 63)
    throw new TrackingError(
      `application instance "${options.appInstance}" is longer than 63 characters and cannot be a label value — use annotation tracking (application.resourceTrackingMethod: annotation)`,
    );
  return objects.map((object) => {
    const metadata = { ...object.metadata };
    if (useLabel) metadata.labels = { ...stringMap(metadata.labels), [options.labelKey]: options.appInstance };
    if (useAnnotation || options.installationID) {
      const annotations = stringMap(metadata.annotations);
      if (useAnnotation)
        annotations[TRACKING_ID_ANNOTATION] = trackingId(object, options.appInstance, options.destinationNamespace);
      if (options.installationID) annotations[INSTALLATION_ID_ANNOTATION] = options.installationID;
      metadata.annotations = annotations;
    }
    return { ...object, metadata };
  });
}

function stringMap(value: unknown): Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { ...(value as Record<string, string>) }
    : {};
}
