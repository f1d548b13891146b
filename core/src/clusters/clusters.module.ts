import { Module } from '@nestjs/common';
import { ClustersResolver } from './api/clusters.resolver';
import { ClusterSecrets } from './cluster-secrets.service';

/** Destination clusters; the live-state cache and sharding arrive with the controller issue. */
@Module({ providers: [ClusterSecrets, ClustersResolver], exports: [ClusterSecrets] })
export class ClustersModule {}
