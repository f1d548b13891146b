import { Inject, Injectable } from '@nestjs/common';
import { describeNetworkError } from '../common/dependency-errors';
import { withTimeout } from '../common/with-timeout';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/kube.module';
import { RedisConnections } from '../redis/redis-connections.service';
import { VersionApi } from '@kubernetes/client-node';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<'redis' | 'kubernetes', string>;
}

/** Whether the dependencies every role needs answer right now. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly redis: RedisConnections,
    @Inject(CONTROL_PLANE_CLUSTER) private readonly cluster: ClusterConnection,
  ) {}

  async check(timeoutMs = 2000): Promise<ReadinessReport> {
    const [redis, kubernetes] = await Promise.all([
      this.outcome(() => this.redis.ping(timeoutMs)),
      this.outcome(() => withTimeout(this.cluster.kubeConfig.makeApiClient(VersionApi).getCode(), timeoutMs)),
    ]);
    return { ready: redis === 'ok' && kubernetes === 'ok', checks: { redis, kubernetes } };
  }

  private async outcome(check: () => Promise<unknown>): Promise<string> {
    try {
      await check();
      return 'ok';
    } catch (error) {
      return `unreachable: ${describeNetworkError(error)}`;
    }
  }
}
