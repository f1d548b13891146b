import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('LoginResult', { description: 'A new session; the token is also set as the HttpOnly argocd.token cookie' })
export class LoginResultModel {
  @Field({ description: 'Bearer token (JWT) for the Authorization header' })
  token!: string;

  @Field(() => Float, { nullable: true, description: 'Expiry, seconds since the epoch' })
  expiresAt!: number | null;
}

@ObjectType('UserInfo', { description: 'Who the request is authenticated as' })
export class UserInfoModel {
  @Field()
  loggedIn!: boolean;

  @Field()
  username!: string;

  @Field({ description: 'Token issuer: "argocd" for local accounts' })
  iss!: string;

  @Field(() => [String])
  groups!: string[];
}

@ObjectType('AccountToken', { description: 'An API token of an account (its value is shown only when created)' })
export class AccountTokenModel {
  @Field()
  id!: string;

  @Field(() => Float, { description: 'Issued at, seconds since the epoch' })
  issuedAt!: number;

  @Field(() => Float, { nullable: true, description: 'Expiry, seconds since the epoch; null: never' })
  expiresAt!: number | null;
}

@ObjectType('Account', { description: 'A local account (argocd-cm accounts.<name>, and admin)' })
export class AccountModel {
  @Field()
  name!: string;

  @Field()
  enabled!: boolean;

  @Field(() => [String], { description: 'login and/or apiKey' })
  capabilities!: string[];

  @Field(() => [AccountTokenModel])
  tokens!: AccountTokenModel[];
}

@ObjectType('CreatedAccountToken', { description: 'A new API token; its value is not stored and cannot be read again' })
export class CreatedAccountTokenModel {
  @Field()
  id!: string;

  @Field()
  token!: string;

  @Field(() => Float)
  issuedAt!: number;

  @Field(() => Float, { nullable: true })
  expiresAt!: number | null;
}
