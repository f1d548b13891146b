import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { RBAC_ACTIONS, RBAC_RESOURCES } from '../../rbac';
import { badInput, principalOf, unauthenticated } from '../graphql/auth-errors';
import { clearedSessionCookie, sessionCookie } from '../graphql/request-token';
import { LoginRefusedError, LoginService, LoginUnavailableError } from '../login/login.service';
import { type AuthContext } from '../principal';
import { RbacAuthorizer } from '../rbac/rbac-authorizer.service';
import { SessionService } from '../session/session.service';
import { LoginResultModel, UserInfoModel } from './auth.models';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
    private readonly rbac: RbacAuthorizer,
  ) {}

  @Mutation(() => LoginResultModel, { description: 'Logs a local account in; sets the argocd.token cookie' })
  async login(
    @Args('username') username: string,
    @Args('password') password: string,
    @Context() context: AuthContext,
  ): Promise<LoginResultModel> {
    try {
      const { token, claims } = await this.logins.login(username, password);
      const maxAge = claims.expiresAt === undefined ? undefined : claims.expiresAt - Date.now() / 1000;
      context.setCookie?.(sessionCookie(token, maxAge, context.secure));
      return { token, expiresAt: claims.expiresAt ?? null };
    } catch (error) {
      if (error instanceof LoginRefusedError) throw unauthenticated(error.message);
      if (error instanceof LoginUnavailableError)
        throw new GraphQLError(error.message, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
      throw error;
    }
  }

  @Mutation(() => Boolean, { description: 'Revokes the token of this request and clears the cookie' })
  async logout(@Context() context: AuthContext): Promise<boolean> {
    await this.sessions.revoke(principalOf(context));
    context.setCookie?.(clearedSessionCookie(context.secure));
    return true;
  }

  @Query(() => UserInfoModel, { description: 'The account this request is authenticated as' })
  userInfo(@Context() context: AuthContext): UserInfoModel {
    const principal = principalOf(context);
    return { loggedIn: true, username: principal.username, iss: principal.issuer, groups: principal.groups };
  }

  @Query(() => Boolean, {
    description: 'Whether the caller may do action on resource object (argocd account can-i)',
  })
  async can(
    @Args('action') action: string,
    @Args('resource') resource: string,
    @Args('object', { defaultValue: '' }) object: string,
    @Context() context: AuthContext,
  ): Promise<boolean> {
    const principal = principalOf(context);
    if (!(RBAC_RESOURCES as readonly string[]).includes(resource))
      throw badInput(`unknown resource ${JSON.stringify(resource)}: one of ${RBAC_RESOURCES.join(', ')}`);
    const base = action.split('/')[0] ?? '';
    if (!(RBAC_ACTIONS as readonly string[]).includes(base))
      throw badInput(`unknown action ${JSON.stringify(action)}: one of ${RBAC_ACTIONS.join(', ')}`);
    return this.rbac.can(principal, action, resource, object);
  }
}
