// Deleting an Application that carries the resources finalizer (Argo CD's
// cascade delete): its tracked objects are deleted wave by wave, highest
// wave first, with the finalizer's propagation policy; Delete=false objects
// stay, Delete=confirm objects wait for the deletion-approved annotation;
// then the finalizer goes and Kubernetes removes the app. A problem becomes
// a DeletionError condition and the step is tried again. Without the
// finalizer (a non-cascading delete) Kubernetes removes the app at once and
// its objects stay.
import { apiVersionOf, type KubeObject } from '@driftless/diff';
import { type Application, type ApplicationCondition } from '@driftless/schema';
import { KubeHttpError, type KubeHttp } from '../../kube/kube-http';
import { appInstanceName } from '../../repo/manifests/tracking';
import { DELETION_APPROVED_ANNOTATION } from '../../sync/plan-sync';
import {
  describeCandidates,
  planDeletion,
  propagationOf,
  resourcesFinalizerOf,
  type DeletionCandidate,
} from '../../sync/deletion-plan';
import { type RefreshPorts } from '../refresh/refresh-ports';
import { type ApplicationValidator } from '../refresh/validate-application';
import { applicationPath } from './operation-writer';
import { apiMessage, ResourceWriter } from './resource-writer';
import { type StepOutcome } from './operation-runner';

const DELETE_POLL_MS = 2_000;

export class AppDeletion {
  constructor(
    private readonly ports: RefreshPorts,
    private readonly validator: ApplicationValidator,
    private readonly http: KubeHttp,
  ) {}

  async step(app: Application): Promise<StepOutcome> {
    const finalizer = resourcesFinalizerOf(app.metadata.finalizers);
    if (!app.metadata.deletionTimestamp || !finalizer) return { kind: 'idle' };
    const cluster = this.validator.validate(app).cluster;
    // Nothing can be deleted on a destination that is not known (any more): let the app go, as Argo CD does.
    if (!cluster) return this.release(app, finalizer);
    try {
      const cache = await this.ports.liveCache(cluster, await this.ports.settings());
      const instance = appInstanceName(
        { name: app.metadata.name ?? '', namespace: app.metadata.namespace ?? '' },
        this.ports.controlNamespace,
      );
      const candidates: DeletionCandidate[] = [];
      for (const cached of cache.managedBy(instance)) {
        const object = await cache.fullObject(cached);
        if (!object) continue;
        candidates.push({
          group: cached.type.group,
          version: apiVersionOf(object as KubeObject),
          kind: cached.type.kind,
          namespace: cached.namespace,
          name: cached.name,
          object: object as KubeObject,
          deleting: Boolean(object.metadata?.deletionTimestamp),
        });
      }
      const approval = app.metadata.annotations?.[DELETION_APPROVED_ANNOTATION];
      const approved = approval !== undefined && Date.parse(approval) >= Date.parse(app.metadata.deletionTimestamp);
      const plan = planDeletion(candidates, approved);
      if (plan.remaining === 0 && plan.awaitingConfirmation.length === 0) return this.release(app, finalizer);
      const writer = new ResourceWriter(cache);
      for (const candidate of plan.now) await writer.delete(candidate, propagationOf(finalizer), false);
      if (plan.remaining === 0 && plan.awaitingConfirmation.length > 0)
        await this.condition(
          app,
          `Waiting for deletion confirmation of ${describeCandidates(plan.awaitingConfirmation)}: approve with the argocd.argoproj.io/deletion-approved annotation`,
        );
      return { kind: 'later', afterMs: DELETE_POLL_MS };
    } catch (error) {
      await this.condition(app, `Failed to delete the application's resources: ${apiMessage(error)}`).catch(
        () => undefined,
      );
      return { kind: 'later', afterMs: 5_000 };
    }
  }

  /** Removes the resources finalizer (tested in place, so a concurrent change is not undone). */
  private async release(app: Application, finalizer: string): Promise<StepOutcome> {
    const index = app.metadata.finalizers?.indexOf(finalizer) ?? -1;
    try {
      await this.http.sendJson(
        'PATCH',
        applicationPath(app),
        [
          { op: 'test', path: `/metadata/finalizers/${index}`, value: finalizer },
          { op: 'remove', path: `/metadata/finalizers/${index}` },
        ],
        'application/json-patch+json',
      );
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return { kind: 'idle' };
      throw error;
    }
    return { kind: 'idle' };
  }

  private async condition(app: Application, message: string): Promise<void> {
    const conditions: ApplicationCondition[] = (app.status?.conditions ?? []).filter(
      (condition) => condition.type !== 'DeletionError',
    );
    const previous = app.status?.conditions?.find((condition) => condition.type === 'DeletionError');
    if (previous?.message === message) return;
    conditions.push({ type: 'DeletionError', message, lastTransitionTime: this.ports.now() });
    await this.http.sendJson(
      'PATCH',
      applicationPath(app),
      [
        { op: 'test', path: '/metadata/resourceVersion', value: app.metadata.resourceVersion },
        { op: 'add', path: '/status', value: { ...(app.status ?? {}), conditions } },
      ],
      'application/json-patch+json',
    );
  }
}
