// API-level fault injection for reliability tests: per cluster, at a rate,
// added latency, 429 with Retry-After, 500/503, dropped watch connections and
// 409 on status updates. Deterministic when given a seed.
import { ApiError } from '../api/status';

export interface ApiFaults {
  /** Added to every request, in milliseconds. */
  latencyMs?: number;
  /** Fraction (0..1) of non-watch requests answered 429 Too Many Requests with Retry-After. */
  throttleRate?: number;
  retryAfterSeconds?: number;
  /** Fraction (0..1) of non-watch requests answered with a server error. */
  serverErrorRate?: number;
  /** Which server error: 500 (default) or 503. */
  serverErrorCode?: 500 | 503;
  /** Open watch connections are closed after this many milliseconds. */
  dropWatchesAfterMs?: number;
  /** Fraction (0..1) of writes to a status subresource answered 409 Conflict. */
  statusConflictRate?: number;
  /** Only requests whose path contains this string are affected. */
  pathContains?: string;
  /** Seed for the rate decisions; the same seed gives the same sequence. */
  seed?: number;
}

export interface RequestInfo {
  method: string;
  path: string;
  isWatch: boolean;
  subresource?: string;
}

export interface FaultDecision {
  delayMs: number;
  error?: ApiError;
  retryAfterSeconds?: number;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private faults: ApiFaults = {};
  private random: () => number = Math.random;
  /** How many requests each fault has hit, for assertions in reliability tests. */
  readonly counts = { throttled: 0, serverErrors: 0, statusConflicts: 0, droppedWatches: 0, delayed: 0 };

  get active(): ApiFaults {
    return { ...this.faults };
  }

  set(faults: ApiFaults): void {
    this.faults = { ...faults };
    this.random = faults.seed === undefined ? Math.random : mulberry32(faults.seed);
  }

  clear(): void {
    this.faults = {};
  }

  decide(request: RequestInfo): FaultDecision {
    const faults = this.faults;
    if (faults.pathContains && !request.path.includes(faults.pathContains)) return { delayMs: 0 };
    const decision: FaultDecision = { delayMs: faults.latencyMs ?? 0 };
    if (decision.delayMs > 0) this.counts.delayed += 1;
    if (request.isWatch) return decision;
    if (faults.throttleRate && this.random() < faults.throttleRate) {
      this.counts.throttled += 1;
      const retryAfterSeconds = faults.retryAfterSeconds ?? 1;
      decision.retryAfterSeconds = retryAfterSeconds;
      decision.error = new ApiError(
        429,
        'TooManyRequests',
        'the server has received too many requests and has asked us to try again later',
        { retryAfterSeconds },
      );
      return decision;
    }
    if (faults.serverErrorRate && this.random() < faults.serverErrorRate) {
      this.counts.serverErrors += 1;
      decision.error =
        faults.serverErrorCode === 503
          ? new ApiError(
              503,
              'ServiceUnavailable',
              'the server is currently unable to handle the request (injected fault)',
            )
          : new ApiError(500, 'InternalError', 'Internal error occurred: injected fault');
      return decision;
    }
    const isWrite = request.method === 'PUT' || request.method === 'PATCH';
    if (
      isWrite &&
      request.subresource === 'status' &&
      faults.statusConflictRate &&
      this.random() < faults.statusConflictRate
    ) {
      this.counts.statusConflicts += 1;
      decision.error = new ApiError(
        409,
        'Conflict',
        'Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again (injected fault)',
      );
    }
    return decision;
  }

  watchDropDelay(): number | undefined {
    return this.faults.dropWatchesAfterMs;
  }

  watchDropped(): void {
    this.counts.droppedWatches += 1;
  }
}
