import { type KubeObject } from './kube-object';

/** argocd-cm entries that define resource actions (`resource.customizations.actions.<group>_<kind>`, …). */
type ResourceOverrides = Record<string, string>;

export interface ActionListInput {
  object: KubeObject;
  /** argocd-cm as the ConfigMap holds it; a plugin that runs Lua actions reads its action scripts here. */
  resourceOverrides?: ResourceOverrides;
}

export interface ActionParameter {
  name: string;
  type?: string;
  default?: string;
}

export interface ActionDescription {
  name: string;
  disabled?: boolean;
  displayName?: string;
  iconClass?: string;
  params?: ActionParameter[];
}

export interface ActionListOutput {
  actions: ActionDescription[];
}

export interface ActionRunInput {
  object: KubeObject;
  action: string;
  parameters: Record<string, string>;
  resourceOverrides?: ResourceOverrides;
}

/** What an action does, as Argo CD's actions report it: patch the object (or another), or create one. */
export interface ImpactedResource {
  operation: 'patch' | 'create';
  object: KubeObject;
}

/** The kernel applies `impacted` in order. */
export interface ActionRunOutput {
  impacted: ImpactedResource[];
}
