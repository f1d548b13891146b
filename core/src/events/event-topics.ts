// Topics carried over Redis pub/sub. Every API replica subscribes, so an event
// published by any process reaches every GraphQL subscriber of every replica.

/** Lifecycle events of Driftless processes (a role started or is stopping). */
export interface ServerEvent {
  type: 'RoleStarted' | 'RoleStopping';
  message: string;
  /** host:pid/role of the process that published it. */
  source: string;
  at: string;
}

export interface EventTopics {
  serverEvents: ServerEvent;
}

export type EventTopic = keyof EventTopics;
