import { Module } from '@nestjs/common';
import { ClustersResolver } from './api/clusters.resolver';
import { ClusterRegistry } from './cluster-registry.service';
import { ClusterSecrets } from './cluster-secrets.service';

/** Destination clusters: the watch-based registry the controller uses, and the `clusters` query. */
@Module({ providers: [ClusterSecrets, ClusterRegistry, ClustersResolver], exports: [ClusterSecrets, ClusterRegistry] })
export class ClustersModule {}
