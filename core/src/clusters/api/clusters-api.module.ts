import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters.module';
import { ClustersResolver } from './clusters.resolver';

/** The `clusters` query (server role); kept apart so the controller role never loads GraphQL. */
@Module({ imports: [ClustersModule], providers: [ClustersResolver] })
export class ClustersApiModule {}
