import { type Deadline } from '../api/hardening/execution-deadline';
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
  /** Set for single sign-on (OIDC) sessions: who the identity provider says the user is. */
  sso?: SsoPrincipal;
}

/** The identity provider's view of an SSO user (`issuer` is the provider's issuer URL). */
export interface SsoPrincipal {
  subject: string;
  email?: string;
  name?: string;
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
  /** The peer address of the connection (rate limits of anonymous requests); proxies are not trusted. */
  clientAddress?: string | undefined;
  /** When an HTTP operation's time is up (api/hardening/execution-deadline.ts); none for subscriptions. */
  deadline?: Deadline | undefined;
}
