/** A Kubernetes object as plain JSON, the way every contract passes resources. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A group/kind pattern; `*` matches any run of characters (e.g. `*.k8s.io`). */
export interface ResourcePattern {
  group: string;
  kind: string;
}
