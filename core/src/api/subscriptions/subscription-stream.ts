// One subscriber's stream: items wait in a bounded SubscriberQueue and are
// turned into what is sent only when the client is ready for the next one, so
// every authorization decision is made at emit time with the current policy.
// The session's expiry is checked at every emit too (revocation closes the
// whole connection: GraphqlAuthService). graphql-ws calls `return()` when the
// client completes or disconnects; the stream then releases what it holds.
import { Logger } from '@nestjs/common';
import { type Principal } from '../../auth/principal';
import { type SubscriberQueue } from './subscriber-queue';
import { SubscriptionEnd, sessionExpired, subscriberTooSlow } from './subscription-end';

/** What to do with one item at emit time. */
export type Emission<Out> =
  { kind: 'send'; value: Out; last: boolean } | { kind: 'skip' } | { kind: 'end'; reason: SubscriptionEnd };

export const send = <Out>(value: Out, last = false): Emission<Out> => ({ kind: 'send', value, last });
export const skip: Emission<never> = { kind: 'skip' };
export const endWith = (reason: SubscriptionEnd): Emission<never> => ({ kind: 'end', reason });

export interface StreamOptions<Item, Out> {
  principal: Principal;
  queue: SubscriberQueue<Item>;
  /** Decides, when the client can take it, what an item becomes; authorizes here. */
  emit(item: Item): Promise<Emission<Out>>;
  /** Releases watches and listeners; called once, however the stream ends. */
  release(): void;
}

const logger = new Logger('subscriptions');

export function subscriptionStream<Item, Out>(
  options: StreamOptions<Item, Out>,
): AsyncIterableIterator<Out | SubscriptionEnd> {
  const { principal, queue } = options;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    queue.end();
    options.release();
  };
  const done = (): IteratorResult<Out | SubscriptionEnd> => ({ value: undefined, done: true });
  const last = (value: Out | SubscriptionEnd): IteratorResult<Out | SubscriptionEnd> => {
    finish();
    return { value, done: false };
  };

  const next = async (): Promise<IteratorResult<Out | SubscriptionEnd>> => {
    while (!finished) {
      const item = await queue.take();
      if (item === undefined) {
        if (queue.ended === 'overflowed' && !finished) return last(subscriberTooSlow(queue.capacity));
        finish();
        break;
      }
      if (principal.expiresAt !== undefined && principal.expiresAt * 1000 <= Date.now()) return last(sessionExpired());
      let emission: Emission<Out>;
      try {
        emission = await options.emit(item);
      } catch (error) {
        logger.warn(`a subscription failed and was ended: ${(error as Error).message}`);
        return last(
          new SubscriptionEnd('INTERNAL_SERVER_ERROR', 'the subscription failed on the server; subscribe again'),
        );
      }
      if (finished) break;
      if (emission.kind === 'end') return last(emission.reason);
      if (emission.kind === 'send')
        return emission.last ? last(emission.value) : { value: emission.value, done: false };
    }
    return done();
  };

  return {
    next,
    return: () => {
      finish();
      return Promise.resolve(done());
    },
    throw: (error: unknown) => {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
