import { type RbacClaims } from '../rbac';
import { type AccountCapability } from './accounts/local-accounts';

/** Who made a request, from a verified token only. */
export interface Principal {
  username: string;
  /** Token issuer: `argocd` for local accounts (an OIDC issuer later). */
  issuer: string;
  groups: string[];
  capability: AccountCapability;
  tokenId: string;
  /** Seconds since the epoch; undefined: the token never expires. */
  expiresAt: number | undefined;
  /** What RBAC sees: `sub` is the account (Argo CD strips the `:login`/`:apiKey` suffix). */
  claims: RbacClaims;
}

/** The GraphQL context every resolver gets. */
export interface AuthContext {
  principal: Principal | undefined;
  /** The raw token of the request (to revoke it on logout); never returned or logged. */
  token: string | undefined;
  /** Set-Cookie for HTTP requests; undefined over WebSocket. */
  setCookie: ((value: string) => void) | undefined;
  /** Whether the request came over TLS (cookies get `Secure`). */
  secure: boolean;
}
