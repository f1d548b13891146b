import { Query, Resolver } from '@nestjs/graphql';
import { buildInfo } from '../../version';
import { VersionInfo } from './version-info.model';

@Resolver(() => VersionInfo)
export class VersionResolver {
  @Query(() => VersionInfo, { description: 'Version of the Driftless server' })
  version(): VersionInfo {
    return { ...buildInfo };
  }
}
