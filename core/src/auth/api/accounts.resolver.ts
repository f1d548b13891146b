import { randomUUID } from 'node:crypto';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { compare } from 'bcryptjs';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { AccountService } from '../accounts/account.service';
import { type LocalAccount } from '../accounts/local-accounts';
import { passwordProblem } from '../accounts/password-policy';
import { badInput, forbidden, principalOf } from '../graphql/auth-errors';
import { type AuthContext, type Principal } from '../principal';
import { RbacAuthorizer } from '../rbac/rbac-authorizer.service';
import { SESSION_ISSUER } from '../session/session-token';
import { SessionService } from '../session/session.service';
import { AccountModel, CreatedAccountTokenModel } from './auth.models';

const NAME_PATTERN = /^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$/;

function toModel(account: LocalAccount): AccountModel {
  return {
    name: account.name,
    enabled: account.enabled,
    capabilities: [...account.capabilities],
    tokens: account.tokens.map((token) => ({ id: token.id, issuedAt: token.iat, expiresAt: token.exp ?? null })),
  };
}

@Resolver(() => AccountModel)
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly rbac: RbacAuthorizer,
    private readonly settings: SettingsConfigMaps,
  ) {}

  @Query(() => [AccountModel], { name: 'accounts', description: 'Local accounts the caller may see (accounts, get)' })
  async accountList(@Context() context: AuthContext): Promise<AccountModel[]> {
    const principal = principalOf(context);
    const all = [...(await this.accounts.accounts()).values()].sort((a, b) => a.name.localeCompare(b.name));
    return (await this.rbac.filter(principal, 'accounts', all, (account) => account.name)).map(toModel);
  }

  @Mutation(() => Boolean, {
    description:
      "Changes an account's password (default: the caller's). currentPassword is the caller's own; sessions issued before stop working.",
  })
  async updatePassword(
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
    @Args('name', { type: () => String, nullable: true }) name: string | null,
    @Context() context: AuthContext,
  ): Promise<boolean> {
    const principal = principalOf(context);
    const target = name ?? principal.username;
    if (target !== principal.username && !(await this.rbac.can(principal, 'update', 'accounts', target)))
      throw forbidden();
    const [caller, account] = await Promise.all([
      this.accounts.account(principal.username),
      this.accounts.account(target),
    ]);
    if (caller === undefined || caller.passwordHash === '' || !(await compare(currentPassword, caller.passwordHash)))
      throw badInput('current password does not match');
    if (account === undefined) throw forbidden();
    const problem = passwordProblem(newPassword, await this.settings.data('argocd-cm'));
    if (problem !== undefined) throw badInput(problem);
    await this.accounts.setPassword(target, newPassword);
    return true;
  }

  @Mutation(() => CreatedAccountTokenModel, { description: 'Creates an API token for an account with apiKey' })
  async createAccountToken(
    @Args('account') accountName: string,
    @Args('expiresIn', { type: () => Int, defaultValue: 0, description: 'Seconds; 0: never expires' })
    expiresIn: number,
    @Args('id', { type: () => String, nullable: true, description: 'Token id; default a random UUID' })
    id: string | null,
    @Context() context: AuthContext,
  ): Promise<CreatedAccountTokenModel> {
    const account = await this.tokenAccount(principalOf(context), accountName);
    if (!account.capabilities.includes('apiKey'))
      throw badInput(`account ${accountName} does not have the apiKey capability`);
    if (expiresIn < 0) throw badInput('expiresIn must be 0 (never) or a number of seconds');
    const tokenId = id ?? randomUUID();
    if (!NAME_PATTERN.test(tokenId)) throw badInput('id must be letters, digits, "-", "_" or "." (at most 63)');
    if (account.tokens.some((token) => token.id === tokenId))
      throw badInput(`account ${accountName} already has a token with id ${tokenId}`);
    const { token, claims } = await this.sessions.issue(account.name, 'apiKey', expiresIn * 1000, tokenId);
    const issuedAt = Math.floor(claims.issuedAt);
    await this.accounts.addToken(account.name, {
      id: tokenId,
      iat: issuedAt,
      ...(claims.expiresAt === undefined ? {} : { exp: claims.expiresAt }),
    });
    return { id: tokenId, token, issuedAt, expiresAt: claims.expiresAt ?? null };
  }

  @Mutation(() => Boolean, { description: 'Deletes an API token; requests with it are refused from then on' })
  async deleteAccountToken(
    @Args('account') accountName: string,
    @Args('id') id: string,
    @Context() context: AuthContext,
  ): Promise<boolean> {
    const account = await this.tokenAccount(principalOf(context), accountName);
    if (!(await this.accounts.removeToken(account.name, id)))
      throw badInput(`account ${accountName} has no token with id ${id}`);
    return true;
  }

  /** The account whose tokens the caller may manage: its own local account (as Argo CD allows), or with `accounts, update`. */
  private async tokenAccount(principal: Principal, name: string): Promise<LocalAccount> {
    const self = name === principal.username && principal.issuer === SESSION_ISSUER;
    if (!self && !(await this.rbac.can(principal, 'update', 'accounts', name))) throw forbidden();
    const account = await this.accounts.account(name);
    if (account === undefined) throw forbidden();
    return account;
  }
}
