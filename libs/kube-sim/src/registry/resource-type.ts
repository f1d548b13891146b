// What the server knows about one kind of resource: where it is served, how it
// is scoped and which subresources it has. Built-in kinds and CRDs share it.
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
}

export interface ResourceType {
  group: string;
  /** Every served version; the first is the preferred one. */
  versions: string[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  statusSubresource: boolean;
  scaleSubresource?: ScaleSubresource;
  /** Set for custom resources: the CRD that serves them. */
  crdName?: string;
  /** JSON schema per version (CRDs); unknown fields are pruned against it when present. */
  schemas?: Record<string, unknown>;
  /** additionalPrinterColumns per version (CRDs), for `kubectl get`. */
  printerColumns?: Record<string, PrinterColumn[]>;
}

/** Storage is keyed by group and plural: all versions of a kind share one collection. */
export function storageKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${type.group}/${type.plural}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
