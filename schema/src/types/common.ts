/** Kubernetes types the Argo CD resources embed. */

/** RFC 3339 timestamp (metav1.Time), e.g. "2024-05-01T10:00:00Z". */
export type Time = string;

/** The ObjectMeta fields Driftless reads; anything else the API server sets is kept as unknown. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Time;
  deletionTimestamp?: Time;
  [field: string]: unknown;
}

export interface LabelSelectorRequirement {
  key: string;
  /** In, NotIn, Exists or DoesNotExist. */
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** intstr.IntOrString. */
export type IntOrString = number | string;

/** A top-level argoproj.io/v1alpha1 object. */
export interface ArgoprojObject<Kind extends string> {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: Kind;
  metadata: ObjectMeta;
}
