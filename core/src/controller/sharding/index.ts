export {
  assignShards,
  rendezvousWeight,
  sortMembers,
  type ShardAssignment,
  type ShardCluster,
} from './shard-assignment';
export {
  DEFAULT_HEARTBEAT_MS,
  ShardOwnership,
  type ReleaseReason,
  type ShardLogger,
  type ShardOwnershipOptions,
} from './shard-ownership';
export {
  COMPONENT_LABEL,
  MEMBER_COMPONENT,
  SHARD_COMPONENT,
  SERVER_ANNOTATION,
  memberLeaseName,
  shardLeaseName,
} from './lease-records';
