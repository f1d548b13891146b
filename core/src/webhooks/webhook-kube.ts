import { Inject, Injectable } from '@nestjs/common';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/control-plane-token';
import { KubeHttp } from '../kube/kube-http';

/** One raw-JSON client of the control plane for the webhook and badge handlers (one connection pool). */
@Injectable()
export class WebhookKube {
  readonly http: KubeHttp;

  constructor(@Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection) {
    this.http = new KubeHttp(cluster.kubeConfig, 30_000);
  }
}
