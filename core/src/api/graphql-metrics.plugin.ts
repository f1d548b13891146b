import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { MetricsService } from '../metrics/metrics.service';

/** Counts GraphQL operations by type (query, mutation, subscription) and outcome. */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin {
  constructor(private readonly metrics: MetricsService) {}

  requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const metrics = this.metrics;
    return Promise.resolve({
      willSendResponse({ operation, errors }) {
        const type = operation?.operation ?? 'unknown';
        metrics.graphqlOperations.inc({ type, outcome: errors && errors.length > 0 ? 'error' : 'success' });
        return Promise.resolve();
      },
    });
  }
}
