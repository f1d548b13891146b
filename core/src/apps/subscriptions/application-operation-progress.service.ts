import { Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { type AuthContext } from '../../auth/principal';
import { SubscriberQueue } from '../../api/subscriptions/subscriber-queue';
import { accessLost, type SubscriptionEnd } from '../../api/subscriptions/subscription-end';
import { endWith, send, skip, subscriptionStream } from '../../api/subscriptions/subscription-stream';
import { ApplicationIndex } from '../index/application-index.service';
import { ApplicationAccess, type AppTarget } from '../mutations/application-access.service';
import { type ApplicationOperationModel } from '../mutations/dto/operation-state.model';
import { toOperationModel } from '../mutations/operation-state-view';
import { ApplicationVisibility } from './application-visibility.service';
import { operationSettled } from './operation-progress';

/**
 * applicationOperation for one subscriber: the app's operation as the
 * `applicationOperation` query shows it, now and each time it changes (phase,
 * message, per-resource results), read from the replica's ApplicationIndex.
 * Without `follow` the subscription completes once nothing is requested or
 * running (what `app sync --watch` and `app wait` need); with it, it stays
 * open for the next operation (a UI's operation panel). Authorized when it
 * starts and at every emit; losing access or the app ends it with FORBIDDEN.
 */
@Injectable()
export class ApplicationOperationProgress {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly index: ApplicationIndex,
    private readonly visibility: ApplicationVisibility,
  ) {}

  async open(
    context: AuthContext,
    target: AppTarget,
    follow: boolean,
  ): Promise<AsyncIterableIterator<ApplicationOperationModel | SubscriptionEnd>> {
    const { app, principal, namespace } = await this.access.authorize(context, 'get', target);
    await this.index.list();
    const key = `${namespace}/${target.name}`;
    // One slot: a burst of status patches leaves only the latest look to send. `null`: read the latest.
    const queue = new SubscriberQueue<Application | null>(1);
    queue.push(app, 'state');
    const stopListening = this.index.onChange((changed) => {
      if (changed === key) queue.push(null, 'state');
    });
    let sent: string | undefined;
    return subscriptionStream<Application | null, ApplicationOperationModel>({
      principal,
      queue,
      release: stopListening,
      emit: async (item) => {
        const current =
          item !== null && (await this.visibility.visible(principal, item, namespace))
            ? item
            : await this.visibility.latest(principal, namespace, target.name);
        if (current === undefined) return endWith(accessLost());
        const model = toOperationModel(current);
        const fingerprint = JSON.stringify(model);
        if (fingerprint === sent) return skip;
        sent = fingerprint;
        return send(model, !follow && operationSettled(model));
      },
    });
  }
}
