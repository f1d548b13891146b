import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JSONObjectScalar } from '../../apps/mutations/json-object.scalar';
import { SyncWindowFieldsModel } from '../sync-windows/sync-window.model';

@ObjectType('ProjectTokenInfo', { description: "A project role token's record: never the token itself" })
export class ProjectTokenInfoModel {
  @Field(() => String, { nullable: true })
  id!: string | null;

  @Field(() => Int, { description: 'Issued at, seconds since the epoch' })
  issuedAt!: number;

  @Field(() => Int, { nullable: true, description: 'Expires at, seconds since the epoch; null: never' })
  expiresAt!: number | null;
}

@ObjectType('ProjectRoleDetail')
export class ProjectRoleDetailModel {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String])
  policies!: string[];

  @Field(() => [String])
  groups!: string[];

  @Field(() => [ProjectTokenInfoModel])
  tokens!: ProjectTokenInfoModel[];
}

@ObjectType('SyncWindowDetail')
export class SyncWindowDetailModel extends SyncWindowFieldsModel {
  @Field(() => Int, { description: 'Its position in the project, which proj windows commands take' })
  id!: number;
}

@ObjectType('ProjectDetail', {
  description: 'One AppProject in full; role tokens appear as records (id, iat, exp) only',
})
export class ProjectDetailModel {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => JSONObjectScalar, { description: 'The spec as stored, without roles[].jwtTokens' })
  spec!: Record<string, unknown>;

  @Field(() => [ProjectRoleDetailModel])
  roles!: ProjectRoleDetailModel[];

  @Field(() => [SyncWindowDetailModel])
  syncWindows!: SyncWindowDetailModel[];
}
