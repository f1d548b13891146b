import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Version', { description: 'The build of the Driftless server answering this request' })
export class VersionInfo {
  @Field({ description: 'Semantic version of Driftless' })
  version!: string;

  @Field({ description: 'Git commit the build was made from, or "unknown"' })
  gitCommit!: string;

  @Field({ description: 'Node.js version the server runs on' })
  nodeVersion!: string;

  @Field({ description: 'Operating system and architecture, e.g. linux/x64' })
  platform!: string;
}
