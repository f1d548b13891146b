// Every API request carries the same session token as the one before it, and
// checking its HMAC through WebCrypto (key import, an async job, the claims)
// was a tenth of the server's time per list page. A signature that verified
// with a key verifies again with that key, so each verifier remembers the
// tokens it accepted and checks only what time changes — exp and nbf — when
// it sees one again. Revocation and account checks stay with the callers, on
// every request.
import { errors, type JWTPayload, jwtVerify, type JWTVerifyOptions } from 'jose';
import { LRUCache } from 'lru-cache';
import { timingSafeEqual } from 'node:crypto';

/** Accepted tokens remembered per verifier; beyond this the least recently used are verified afresh. */
export const VERIFIED_JWT_CACHE_SIZE = 5_000;

/** jose's jwtVerify with fixed options (no currentDate, no maxTokenAge) and memory of the tokens it accepted. */
export class VerifiedJwts {
  private key: Uint8Array | undefined;
  private readonly accepted = new LRUCache<string, JWTPayload>({ max: VERIFIED_JWT_CACHE_SIZE });

  constructor(private readonly options: Omit<JWTVerifyOptions, 'currentDate' | 'maxTokenAge'>) {}

  /** The payload of `token` signed with `key`; throws jose's errors as jwtVerify does. */
  async verify(token: string, key: Uint8Array, nowMs: number): Promise<JWTPayload> {
    this.useKey(key);
    const remembered = this.accepted.get(token);
    if (remembered !== undefined) {
      checkTimes(remembered, nowMs);
      return remembered;
    }
    const { payload } = await jwtVerify(token, key, { ...this.options, currentDate: new Date(nowMs) });
    this.accepted.set(token, payload);
    return payload;
  }

  /** How many accepted tokens are remembered. */
  get size(): number {
    return this.accepted.size;
  }

  /** A new key (server.secretkey rotated) forgets every token accepted with the old one. */
  private useKey(key: Uint8Array): void {
    if (this.key !== undefined && this.key.length === key.length && timingSafeEqual(this.key, key)) return;
    this.key = Uint8Array.from(key);
    this.accepted.clear();
  }
}

/** jose's time checks (no clock tolerance), with its errors, for a payload it accepted earlier. */
function checkTimes(payload: JWTPayload, nowMs: number): void {
  const now = Math.floor(nowMs / 1000);
  if (typeof payload.nbf === 'number' && payload.nbf > now)
    throw new errors.JWTClaimValidationFailed('"nbf" claim timestamp check failed', payload, 'nbf', 'check_failed');
  if (typeof payload.exp === 'number' && payload.exp <= now)
    throw new errors.JWTExpired('"exp" claim timestamp check failed', payload, 'exp', 'check_failed');
}
