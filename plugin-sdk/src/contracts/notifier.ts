/** A notification already rendered from its template by the kernel. */
export interface Notification {
  title: string;
  body: string;
  /** Extra fields of the template (e.g. a webhook's JSON body or a Slack attachment). */
  fields?: Record<string, unknown>;
}

export interface NotifierInput {
  /** The service name from argocd-notifications-cm, e.g. `webhook.github`. */
  service: string;
  /** Service configuration with secrets already substituted out (read them with host.secrets). */
  config: Record<string, unknown>;
  destination: string;
  notification: Notification;
}

export interface NotifierOutput {
  delivered: boolean;
  detail?: string;
}
