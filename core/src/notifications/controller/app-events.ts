// Problems reported on the app as Kubernetes Events (involvedObject: the Application), where
// `kubectl describe application` and the UI's event list show them. The same problem for the same
// app is reported once an hour, and at most 120 events a minute are written in all (the rest are
// logged), so a trigger that fails on every never-synced app cannot flood the API server.
import { Logger } from '@nestjs/common';
import { type KubeHttp } from '../../kube/kube-http';

export interface AppRef {
  namespace: string;
  name: string;
  uid?: string | undefined;
}

const REPEAT_AFTER_MS = 60 * 60_000;
const EVENTS_PER_MINUTE = 120;
const MAX_REMEMBERED = 10_000;

export class AppEvents {
  private readonly logger = new Logger('Notifications');
  private readonly recent = new Map<string, number>();
  private windowStart = 0;
  private writtenInWindow = 0;

  constructor(private readonly http: KubeHttp) {}

  async warn(app: AppRef, reason: string, message: string): Promise<void> {
    const key = `${app.namespace}/${app.name}\u0000${reason}\u0000${message}`;
    const last = this.recent.get(key);
    if (last !== undefined && Date.now() - last < REPEAT_AFTER_MS) return;
    if (this.recent.size >= MAX_REMEMBERED) this.recent.clear();
    this.recent.set(key, Date.now());
    this.logger.warn(`${app.namespace}/${app.name}: ${reason}: ${message}`);
    if (Date.now() - this.windowStart >= 60_000) {
      this.windowStart = Date.now();
      this.writtenInWindow = 0;
    }
    this.writtenInWindow += 1;
    if (this.writtenInWindow > EVENTS_PER_MINUTE) return;
    const now = new Date().toISOString();
    try {
      await this.http.sendJson('POST', `/api/v1/namespaces/${app.namespace}/events`, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { generateName: `${app.name}.`, namespace: app.namespace },
        involvedObject: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          name: app.name,
          namespace: app.namespace,
          ...(app.uid ? { uid: app.uid } : {}),
        },
        reason,
        message: message.slice(0, 1024),
        type: 'Warning',
        source: { component: 'driftless-notifications' },
        reportingComponent: 'driftless-notifications',
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      });
    } catch (error) {
      this.logger.warn(`cannot record event on ${app.namespace}/${app.name}: ${(error as Error).message}`);
    }
  }
}
