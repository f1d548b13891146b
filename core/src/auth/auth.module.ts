import { Global, Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { RedisConnections } from '../redis/redis-connections.service';
import { AccountService } from './accounts/account.service';
import { ArgocdSecretStore } from './accounts/argocd-secret.store';
import { InitialAdminService } from './accounts/initial-admin.service';
import { AccountsResolver } from './api/accounts.resolver';
import { AuthResolver } from './api/auth.resolver';
import { AUTH_REDIS, createAuthRedis } from './auth-redis';
import { GraphqlAuthService } from './graphql/graphql-auth.service';
import { WebsocketOriginGuard } from './graphql/websocket-origin.guard';
import { LoginFailuresStore } from './login/login-failures.store';
import { LoginService } from './login/login.service';
import { RbacAuthorizer } from './rbac/rbac-authorizer.service';
import { RevokedTokensStore } from './session/revoked-tokens.store';
import { SessionService } from './session/session.service';
import { ProjectTokens } from './project-tokens/project-tokens.service';
import { ProjectTokensResolver } from './project-tokens/project-tokens.resolver';
import { IdpClient } from './oidc/idp-client.service';
import { SsoController } from './oidc/sso.controller';
import { SsoLoginService } from './oidc/sso-login.service';
import { SsoSessions } from './oidc/sso-sessions.service';
import { SsoSettingsService } from './oidc/sso-settings.service';
import { SsoLogoutService } from './oidc/sso-logout.service';
import { SsoProviderTokensStore } from './oidc/sso-provider-tokens.store';
import { SsoUserInfoGroups } from './oidc/sso-userinfo-groups.service';

/**
 * Authentication and authorization of the API (server role): local accounts
 * and their sessions, login with rate limiting, the GraphQL context and the
 * WebSocket origin check, and RBAC decisions for resolvers (global, so every
 * feature module's resolvers can inject RbacAuthorizer).
 */
@Global()
@Module({
  imports: [ProjectsModule],
  // OIDC single sign-on: /auth/login, /auth/callback, /auth/logout, /auth/sso/settings, /auth/sso/token (oidc/).
  controllers: [SsoController],
  providers: [
    { provide: AUTH_REDIS, inject: [RedisConnections], useFactory: createAuthRedis },
    ArgocdSecretStore,
    AccountService,
    InitialAdminService,
    RevokedTokensStore,
    SessionService,
    ProjectTokens,
    ProjectTokensResolver,
    LoginFailuresStore,
    LoginService,
    RbacAuthorizer,
    GraphqlAuthService,
    WebsocketOriginGuard,
    AuthResolver,
    AccountsResolver,
    SsoSettingsService,
    SsoSessions,
    IdpClient,
    SsoLoginService,
    SsoLogoutService,
    SsoProviderTokensStore,
    SsoUserInfoGroups,
  ],
  exports: [SessionService, AccountService, RbacAuthorizer, GraphqlAuthService, LoginFailuresStore, SsoLoginService],
})
export class AuthModule {}
