// Reads what the controller published for an app (controller/tree): the
// resource tree and the managed resources, one Redis key each.
import { Inject, Injectable } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ManagedResource } from '../../controller/tree/managed-resources';
import { decodeRecord } from '../../controller/tree/record-codec';
import { treeKeys } from '../../controller/tree/tree-keys';
import { type TreeRecord } from '../../controller/tree/tree-node';
import { RedisConnections } from '../../redis/redis-connections.service';

@Injectable()
export class TreeRecords {
  private client: Redis | undefined;

  constructor(
    private readonly connections: RedisConnections,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  /** The app's tree, or undefined before its first refresh. */
  async tree(appKey: string): Promise<TreeRecord | undefined> {
    const stored = await this.redis().getBuffer(treeKeys(this.config.namespace, appKey).tree);
    return stored ? decodeRecord<TreeRecord>(stored) : undefined;
  }

  async managedResources(appKey: string): Promise<ManagedResource[]> {
    const stored = await this.redis().getBuffer(treeKeys(this.config.namespace, appKey).managed);
    return stored ? decodeRecord<ManagedResource[]>(stored) : [];
  }

  private redis(): Redis {
    this.client ??= this.connections.create('resource-tree-reader');
    return this.client;
  }
}
