// One simulated cluster: its store, API semantics, HTTP(S) endpoint, fault
// injector and controllers.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ClusterApi } from './api/cluster-api';
import { createClusterHandler } from './api/http-handler';
import type { WatchRegistry } from './api/watch-stream';
import { ControllerManager } from './controllers/controller-manager';
import { controllers } from './controllers/registry';
import { serviceAccountTokenController } from './controllers/service-account-token-controller';
import { FaultInjector } from './faults/api-faults';
import { seedCluster } from './seed';
import { ObjectStore } from './store/object-store';
import type { ServerCertificates } from './tls/certificates';
import type { SimTiming } from './timing';

export interface SimClusterConfig {
  name: string;
  host: string;
  port: number;
  token: string;
  timing: SimTiming;
  nodes: number;
  watchHistory: number;
  certificates: ServerCertificates | undefined;
  store?: ObjectStore;
}

export class SimCluster {
  readonly name: string;
  readonly token: string;
  readonly store: ObjectStore;
  readonly api: ClusterApi;
  /** API-level fault injection (latency, 429, 5xx, dropped watches, status conflicts). */
  readonly faults = new FaultInjector();
  readonly controllers: ControllerManager;
  readonly timing: SimTiming;
  private readonly httpServer: Server;
  private readonly watches: WatchRegistry = new Set();
  private readonly scheme: 'http' | 'https';
  private readonly host: string;

  private constructor(config: SimClusterConfig) {
    this.name = config.name;
    this.token = config.token;
    this.timing = config.timing;
    this.host = config.host;
    this.store = config.store ?? new ObjectStore(config.watchHistory);
    this.api = new ClusterApi(this.store);
    this.restoreCustomTypes();
    if (!config.store) seedCluster(this.api, config.nodes);
    this.controllers = new ControllerManager(this.api, config.timing, [
      ...controllers,
      serviceAccountTokenController(config.certificates?.caCertPem),
    ]);
    const handler = createClusterHandler({
      api: this.api,
      token: config.token,
      faults: this.faults,
      serverAddress: () => `${this.host}:${this.port}`,
      bookmarkIntervalMs: config.timing.bookmarkIntervalMs,
      watches: this.watches,
    });
    this.scheme = config.certificates ? 'https' : 'http';
    this.httpServer = config.certificates
      ? createHttpsServer({ cert: config.certificates.certPem, key: config.certificates.keyPem }, handler)
      : createHttpServer(handler);
    this.httpServer.keepAliveTimeout = 60_000;
  }

  static async start(config: SimClusterConfig): Promise<SimCluster> {
    const cluster = new SimCluster(config);
    await new Promise<void>((resolve, reject) => {
      cluster.httpServer.once('error', reject);
      cluster.httpServer.listen(config.port, config.host, () => {
        cluster.httpServer.off('error', reject);
        resolve();
      });
    });
    cluster.controllers.start();
    return cluster;
  }

  get port(): number {
    return (this.httpServer.address() as AddressInfo).port;
  }

  /** Base URL of the API server, e.g. https://127.0.0.1:6443. */
  get server(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `${this.scheme}://${host}:${this.port}`;
  }

  async stop(): Promise<void> {
    this.controllers.stop();
    for (const response of this.watches) response.end();
    this.watches.clear();
    this.api.owners.close();
    await new Promise<void>((resolve) => {
      this.httpServer.close(() => resolve());
      this.httpServer.closeAllConnections();
    });
  }

  private restoreCustomTypes(): void {
    for (const crd of this.store.list('apiextensions.k8s.io/customresourcedefinitions')) {
      if (!crd.metadata.deletionTimestamp) this.api.types.registerCrd(crd);
    }
  }
}
