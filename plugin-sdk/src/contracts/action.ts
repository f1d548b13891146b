import { type KubeObject } from './kube-object';

export interface ActionListInput {
  object: KubeObject;
}

export interface ActionListOutput {
  actions: { name: string; disabled?: boolean }[];
}

export interface ActionRunInput {
  object: KubeObject;
  action: string;
  parameters: Record<string, string>;
}

/** The object as it should be after the action; the kernel applies it. */
export interface ActionRunOutput {
  object: KubeObject;
}
