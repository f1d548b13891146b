import { Inject, Injectable } from '@nestjs/common';
import { type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { SubscriberQueue } from '../../api/subscriptions/subscriber-queue';
import { type SubscriptionEnd } from '../../api/subscriptions/subscription-end';
import { send, skip, subscriptionStream } from '../../api/subscriptions/subscription-stream';
import { ApplicationIndex } from '../index/application-index.service';
import { type ApplicationFilter, type ApplicationRow, filterRows } from '../query/application-filter';
import { type ApplicationChangeModel } from './application-change.model';
import { ApplicationChangeFeed } from './application-change-feed.service';
import { SubscriberApplications, seenBy } from './subscriber-applications';

/**
 * applicationChanges for one subscriber: the same visibility (applications,
 * get) and filters as the `applications` list. What waits for the client is
 * a set of app keys, not events: each is classified against what the
 * subscriber holds when the client can take it, with the policy of that
 * moment, so a slow client gets each app's latest state once and its queue
 * never holds more keys than there are applications.
 */
@Injectable()
export class ApplicationChanges {
  constructor(
    private readonly index: ApplicationIndex,
    private readonly feed: ApplicationChangeFeed,
    private readonly rbac: RbacAuthorizer,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  /** Throws InvalidFilterError for a filter the list query would refuse. */
  async open(
    principal: Principal,
    filter: ApplicationFilter,
    includeExisting: boolean,
  ): Promise<AsyncIterableIterator<ApplicationChangeModel | SubscriptionEnd>> {
    filterRows([], filter);
    const matches = (row: ApplicationRow): boolean => filterRows([row], filter).length === 1;
    const holder = new SubscriberApplications();
    const queue = new SubscriberQueue<string>(Number.POSITIVE_INFINITY);
    const push = (key: string): void => queue.push(key, key);
    const unsubscribe = this.feed.subscribe({
      changed: push,
      policyChanged: () =>
        void this.index.list().then((entries) => {
          for (const key of holder.keys()) push(key);
          for (const entry of entries) push(entry.row.key);
        }),
    });
    try {
      const entries = await this.index.list();
      const can = await this.rbac.syncChecker(principal);
      for (const entry of entries) {
        const view = seenBy({ can, matches, controlNamespace: this.config.namespace }, entry);
        if (view === undefined) continue;
        // With includeExisting the current list goes out as ADDED (Argo CD's watch); otherwise the client listed it.
        if (includeExisting) push(entry.row.key);
        else holder.seed(entry.row.key, view);
      }
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return subscriptionStream<string, ApplicationChangeModel>({
      principal,
      queue,
      release: unsubscribe,
      emit: async (key) => {
        const can = await this.rbac.syncChecker(principal);
        const slash = key.indexOf('/');
        const entry = await this.index.get(key.slice(0, slash), key.slice(slash + 1));
        const change = holder.observe(key, seenBy({ can, matches, controlNamespace: this.config.namespace }, entry));
        return change ? send({ type: change.type, application: change.view.model }) : skip;
      },
    });
  }
}
