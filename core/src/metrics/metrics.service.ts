import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { buildInfo } from '../version';

/** The process's Prometheus registry: Node's default metrics plus Driftless's own. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly graphqlOperations = new Counter({
    name: 'driftless_graphql_operations_total',
    help: 'GraphQL operations executed, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly graphqlExecutions = new Counter({
    name: 'driftless_graphql_executions_total',
    help: 'GraphQL operations over HTTP by how they ran: compiled (a repeated query) or interpreted',
    labelNames: ['executor'] as const,
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'driftless_events_published_total',
    help: 'Events published on the Redis event bus, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'driftless_build_info',
      help: 'Driftless build information; the value is always 1',
      labelNames: ['version', 'node_version'] as const,
      registers: [this.registry],
    }).set({ version: buildInfo.version, node_version: buildInfo.nodeVersion }, 1);
  }
}
