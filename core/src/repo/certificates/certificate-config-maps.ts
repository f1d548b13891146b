// Reads and writes argocd-ssh-known-hosts-cm and argocd-tls-certs-cm for the
// certificate API (the server's identity) and `driftless cert --core` (the
// caller's kubeconfig). A write replaces the ConfigMap guarded by the
// resourceVersion it was read at, so a concurrent edit is never overwritten;
// a missing ConfigMap is created. Other keys and metadata are kept.
import { type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { KubeHttp, KubeHttpError } from '../../kube/kube-http';
import { addCertificates, listCertificates, removeCertificates, type CertificateChange } from './certificate-set';
import {
  KNOWN_HOSTS_CONFIG_MAP,
  KNOWN_HOSTS_KEY,
  TLS_CERTS_CONFIG_MAP,
  type CertificateRequest,
  type CertificateSelector,
  type CertificateStoreData,
  type RepositoryCertificate,
} from './repository-certificate';

/** Who wrote, in managedFields: Argo CD's API server's name. */
const WRITER = { fieldManager: 'argocd-server' } as const;

/** A ConfigMap changed (or appeared) between reading it and writing it. */
export class CertificateConfigMapConflict extends Error {
  constructor(name: string) {
    super(`ConfigMap ${name} changed while the request was decided; try again`);
    this.name = 'CertificateConfigMapConflict';
  }
}

/** Kubernetes refused the write (e.g. no rights); the status says why. */
export class CertificateConfigMapRefused extends Error {
  constructor(name: string, status: number) {
    super(`the Kubernetes API refused to write ConfigMap ${name} (HTTP ${status})`);
    this.name = 'CertificateConfigMapRefused';
  }
}

/** What was read: the data and the ConfigMaps as they were (undefined: missing). */
export interface CertificateSnapshot {
  data: CertificateStoreData;
  knownHostsMap: V1ConfigMap | undefined;
  tlsCertsMap: V1ConfigMap | undefined;
}

export class CertificateConfigMaps {
  private readonly http: KubeHttp;
  private readonly collection: string;

  constructor(kubeConfig: KubeConfig, namespace: string) {
    this.http = new KubeHttp(kubeConfig, 30_000);
    this.collection = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
  }

  async read(): Promise<CertificateSnapshot> {
    const [knownHostsMap, tlsCertsMap] = await Promise.all([
      this.get(KNOWN_HOSTS_CONFIG_MAP),
      this.get(TLS_CERTS_CONFIG_MAP),
    ]);
    return {
      data: { knownHosts: knownHostsMap?.data?.[KNOWN_HOSTS_KEY], tlsCerts: { ...tlsCertsMap?.data } },
      knownHostsMap,
      tlsCertsMap,
    };
  }

  async list(selector: CertificateSelector): Promise<RepositoryCertificate[]> {
    return listCertificates((await this.read()).data, selector);
  }

  /** The certificates created or replaced. */
  add(requests: CertificateRequest[], upsert: boolean): Promise<RepositoryCertificate[]> {
    return this.change((data) => addCertificates(data, requests, upsert));
  }

  /** The certificates removed. */
  remove(selector: CertificateSelector): Promise<RepositoryCertificate[]> {
    return this.change((data) => removeCertificates(data, selector));
  }

  /** Reads both ConfigMaps, applies `apply` and writes the ones it changed over what was read. */
  async change(apply: (data: CertificateStoreData) => CertificateChange): Promise<RepositoryCertificate[]> {
    const snapshot = await this.read();
    const result = apply(snapshot.data);
    if (result.knownHostsChanged)
      await this.put(KNOWN_HOSTS_CONFIG_MAP, snapshot.knownHostsMap, {
        ...snapshot.knownHostsMap?.data,
        [KNOWN_HOSTS_KEY]: result.data.knownHosts ?? '',
      });
    if (result.tlsCertsChanged) await this.put(TLS_CERTS_CONFIG_MAP, snapshot.tlsCertsMap, result.data.tlsCerts);
    return result.changed;
  }

  private async get(name: string): Promise<V1ConfigMap | undefined> {
    try {
      return await this.http.getJson<V1ConfigMap>(this.path(name));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  private async put(name: string, existing: V1ConfigMap | undefined, data: Record<string, string>): Promise<void> {
    try {
      if (!existing) {
        const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
        await this.http.sendJson('POST', this.collection, body, 'application/json', WRITER);
        return;
      }
      // PUT with the resourceVersion that was read: Kubernetes answers 409 if anyone wrote in between.
      const body = { ...existing, data };
      await this.http.sendJson('PUT', this.path(name), body, 'application/json', WRITER);
    } catch (error) {
      if (!(error instanceof KubeHttpError)) throw error;
      if (error.status === 409 || error.status === 404) throw new CertificateConfigMapConflict(name);
      throw new CertificateConfigMapRefused(name, error.status);
    }
  }

  private path(name: string): string {
    return `${this.collection}/${encodeURIComponent(name)}`;
  }
}
