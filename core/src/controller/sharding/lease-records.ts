// The Lease objects of the sharding protocol, built and read as plain JSON,
// and when a Lease seen by this replica counts as expired. Pure: no I/O.
import { createHash } from 'node:crypto';

export const COMPONENT_LABEL = 'driftless.io/component';
export const MEMBER_COMPONENT = 'controller-member';
export const SHARD_COMPONENT = 'controller-shard';
/** Both kinds of sharding Lease, for one list + watch. */
export const SHARDING_LEASE_SELECTOR = `${COMPONENT_LABEL} in (${MEMBER_COMPONENT},${SHARD_COMPONENT})`;
export const SERVER_ANNOTATION = 'driftless.io/cluster-server';
/**
 * `leaseDurationSeconds` holds whole seconds; sub-second heartbeats (tests)
 * need the exact figure, which every Driftless replica reads from here.
 */
export const DURATION_MS_ANNOTATION = 'driftless.io/lease-duration-ms';
/** A Lease lasts this many heartbeats, so one or two missed renewals are survived. */
export const HEARTBEATS_PER_LEASE = 3;

/**
 * A coordination.k8s.io/v1 Lease as JSON. @kubernetes/client-node 2 types
 * MicroTime fields as Date but passes them through untouched, so on the wire
 * and after deserialisation they are strings; these records keep strings.
 */
export interface LeaseObject {
  metadata: {
    name: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** A Lease plus when this replica first saw its current resourceVersion (its monotonic clock). */
export interface ObservedLease {
  lease: LeaseObject;
  observedAt: number;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function memberLeaseName(identity: string): string {
  const name = `driftless-controller-${identity}`;
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    throw new Error(
      `controller identity "${identity}" cannot be part of a Lease name — use lowercase letters, digits, "-" and "." (the pod name is a good identity)`,
    );
  }
  return name;
}

/** 64 bits of sha256: a collision among a deployment's clusters is out of reach. */
export function shardLeaseName(server: string): string {
  return `driftless-shard-${createHash('sha256').update(server).digest('hex').slice(0, 16)}`;
}

/** Kubernetes' MicroTime: RFC 3339 with six fractional digits. */
export function microTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

export function leaseDurationMs(lease: LeaseObject, fallbackMs: number): number {
  const annotated = Number(lease.metadata.annotations?.[DURATION_MS_ANNOTATION]);
  if (Number.isInteger(annotated) && annotated > 0) return annotated;
  const seconds = lease.spec.leaseDurationSeconds;
  return seconds !== undefined && seconds > 0 ? seconds * 1000 : fallbackMs;
}

/**
 * When a Lease seen here expires: a full duration after this replica first saw
 * its current version. The holder wrote that version before it was seen, and
 * stops using it one heartbeat before its own duration ends, so the holder has
 * stopped before anyone may take over — without comparing clocks across
 * machines (client-go's leader election judges expiry the same way).
 */
export function expiresAt(observed: ObservedLease, fallbackMs: number): number {
  return observed.observedAt + leaseDurationMs(observed.lease, fallbackMs);
}

export function holderOf(lease: LeaseObject): string {
  return lease.spec.holderIdentity ?? '';
}

export interface NewLease {
  name: string;
  identity: string;
  component: typeof MEMBER_COMPONENT | typeof SHARD_COMPONENT;
  durationMs: number;
  now: Date;
  server?: string;
}

export function newLease({ name, identity, component, durationMs, now, server }: NewLease): LeaseObject {
  const annotations: Record<string, string> = { [DURATION_MS_ANNOTATION]: String(durationMs) };
  if (server !== undefined) annotations[SERVER_ANNOTATION] = server;
  return {
    metadata: { name, labels: { [COMPONENT_LABEL]: component }, annotations },
    spec: {
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(durationMs / 1000),
      acquireTime: microTime(now),
      renewTime: microTime(now),
      leaseTransitions: 0,
    },
  };
}

export function renewedLease(lease: LeaseObject, now: Date): LeaseObject {
  return { metadata: lease.metadata, spec: { ...lease.spec, renewTime: microTime(now) } };
}

/** The Lease as written by a new holder; the caller writes it at the resourceVersion it observed. */
export function takenOverLease(lease: LeaseObject, identity: string, durationMs: number, now: Date): LeaseObject {
  return {
    metadata: {
      ...lease.metadata,
      annotations: { ...lease.metadata.annotations, [DURATION_MS_ANNOTATION]: String(durationMs) },
    },
    spec: {
      ...lease.spec,
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(durationMs / 1000),
      acquireTime: microTime(now),
      renewTime: microTime(now),
      leaseTransitions: (lease.spec.leaseTransitions ?? 0) + 1,
    },
  };
}
