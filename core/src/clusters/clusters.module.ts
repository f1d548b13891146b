import { Module } from '@nestjs/common';
import { ClusterRegistry } from './cluster-registry.service';
import { ClusterSecrets } from './cluster-secrets.service';

/** Destination clusters: the watch-based registry the controller uses; the query is in api/. */
@Module({ providers: [ClusterSecrets, ClusterRegistry], exports: [ClusterSecrets, ClusterRegistry] })
export class ClustersModule {}
