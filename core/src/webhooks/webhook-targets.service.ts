import { Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { ApplicationIndex, type IndexedApplication } from '../apps/index/application-index.service';
import { isOlderVersion } from '../kube/resource-version';
import { toWebhookTarget, type WebhookTarget } from './webhook-target';

/**
 * The Applications a webhook may refresh, as WebhookTargets, read from the
 * API's ApplicationIndex (its list+watch of the control-plane namespace and
 * those argocd-cmd-params-cm `application.namespaces` names, as the
 * controller watches them) rather than from a second watch of every
 * Application. A refresh patch's answer is newer than the index until the
 * watch delivers it: it is kept on top so the same push does not patch twice.
 */
@Injectable()
export class WebhookTargetsService {
  private readonly targets = new WeakMap<IndexedApplication, WebhookTarget>();
  private readonly patched = new Map<string, { target: WebhookTarget; resourceVersion: string | undefined }>();

  constructor(private readonly index: ApplicationIndex) {}

  /** Resolves once the index's first list is in; rejects when it failed (the next call tries again). */
  async ready(): Promise<void> {
    await this.index.list();
  }

  /** Every target, after `ready()`. */
  async all(): Promise<WebhookTarget[]> {
    return (await this.index.list()).map((entry) => this.current(entry));
  }

  async get(key: string): Promise<WebhookTarget | undefined> {
    const slash = key.indexOf('/');
    const entry = await this.index.get(key.slice(0, slash), key.slice(slash + 1));
    return entry === undefined ? undefined : this.current(entry);
  }

  /** A copy of an app newer than the index has (a patch's answer). */
  observed(app: Application): void {
    const target = toWebhookTarget(app);
    this.patched.set(target.key, { target, resourceVersion: app.metadata.resourceVersion });
  }

  /** The index's target, unless a patch of ours returned a newer copy the watch has not brought yet. */
  private current(entry: IndexedApplication): WebhookTarget {
    const key = entry.row.key;
    const patched = this.patched.get(key);
    if (patched !== undefined) {
      if (isOlderVersion(entry.application.metadata.resourceVersion, patched.resourceVersion)) return patched.target;
      this.patched.delete(key);
    }
    let target = this.targets.get(entry);
    if (target === undefined) this.targets.set(entry, (target = toWebhookTarget(entry.application)));
    return target;
  }
}
