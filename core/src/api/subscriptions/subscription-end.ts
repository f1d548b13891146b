// How a subscription ends on the server's initiative: the client receives one
// result with a GraphQL error (a stable extensions.code), then `complete`. The
// stream yields a SubscriptionEnd as its last item; the field's `resolve`
// (resolveOrEnd) turns it into that error.
import { GraphQLError } from 'graphql';
import { PERMISSION_DENIED_MESSAGE } from '../../rbac';

export class SubscriptionEnd {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** The caller may no longer see what it subscribed to, or it is gone: the same answer (guarded-lookup.ts). */
export const accessLost = (): SubscriptionEnd => new SubscriptionEnd('FORBIDDEN', PERMISSION_DENIED_MESSAGE);

export const sessionExpired = (): SubscriptionEnd =>
  new SubscriptionEnd('UNAUTHENTICATED', 'the session expired: log in again and subscribe again');

export const subscriberTooSlow = (capacity: number): SubscriptionEnd =>
  new SubscriptionEnd(
    'SUBSCRIBER_TOO_SLOW',
    `the subscriber did not keep up: more than ${capacity} updates were waiting; subscribe again`,
  );

/** A subscription field's `resolve`: passes items through, turns the end marker into its error. */
export function resolveOrEnd<T>(item: T | SubscriptionEnd): T {
  if (item instanceof SubscriptionEnd) throw new GraphQLError(item.message, { extensions: { code: item.code } });
  return item;
}
