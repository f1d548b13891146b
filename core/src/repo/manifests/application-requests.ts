// An Application → the manifest requests for its sources, as Argo CD's
// controller asks its repo-server: `sources` wins over `source`; in a
// multi-source app a source with `ref` and no path/chart only lends files to
// the others (`$ref/…`), and every source may read every ref. Pure.
import { type Application, type ApplicationSource } from '@driftless/schema';
import { type ManifestRequest, type TrackingMethod } from './manifest-request';
import { DEFAULT_INSTANCE_LABEL } from './tracking';

export interface RequestContext {
  /** Resolved destination server (the app may name its destination by `name`). */
  destinationServer: string;
  kubeVersion: string;
  apiVersions: string[];
  /** argocd-cm: application.resourceTrackingMethod, application.instanceLabelKey, installationID. */
  argocdCm: Record<string, string>;
  noCache?: boolean;
  noRevisionCache?: boolean;
}

export class ApplicationSpecError extends Error {}

const trackingMethods: readonly TrackingMethod[] = ['annotation', 'label', 'annotation+label'];

export function trackingOf(argocdCm: Record<string, string>): ManifestRequest['tracking'] {
  const configured = argocdCm['application.resourceTrackingMethod']?.trim() || 'annotation';
  if (!trackingMethods.includes(configured as TrackingMethod))
    throw new ApplicationSpecError(
      `argocd-cm application.resourceTrackingMethod "${configured}" is not one of ${trackingMethods.join(', ')}`,
    );
  const installationID = argocdCm['installationID']?.trim();
  return {
    method: configured as TrackingMethod,
    labelKey: argocdCm['application.instanceLabelKey']?.trim() || DEFAULT_INSTANCE_LABEL,
    ...(installationID ? { installationID } : {}),
  };
}

/** The sources of an app, in order; empty when it has none (an invalid spec). */
export function sourcesOf(application: Application): ApplicationSource[] {
  const { spec } = application;
  if (spec.sources && spec.sources.length > 0) return spec.sources;
  return spec.source ? [spec.source] : [];
}

/** A `ref` source without a path or chart is only a file provider. */
export function rendersManifests(source: ApplicationSource, multiSource: boolean): boolean {
  return !multiSource || !source.ref || Boolean(source.path) || Boolean(source.chart);
}

export function manifestRequestsFor(application: Application, context: RequestContext): ManifestRequest[] {
  const name = application.metadata.name ?? '';
  const sources = sourcesOf(application);
  if (sources.length === 0) throw new ApplicationSpecError(`application ${name} has neither source nor sources`);
  const multiSource = Boolean(application.spec.sources?.length);
  const refSources = multiSource ? sources.filter((source) => source.ref) : [];
  const tracking = trackingOf(context.argocdCm);
  return sources
    .filter((source) => rendersManifests(source, multiSource))
    .map((source) => ({
      app: { name, namespace: application.metadata.namespace ?? '', project: application.spec.project || 'default' },
      source,
      ...(refSources.length ? { refSources } : {}),
      destination: { server: context.destinationServer, namespace: application.spec.destination.namespace ?? '' },
      kubeVersion: context.kubeVersion,
      apiVersions: context.apiVersions,
      tracking,
      ...(context.noCache ? { noCache: true } : {}),
      ...(context.noRevisionCache ? { noRevisionCache: true } : {}),
    }));
}
