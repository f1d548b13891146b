// The sandboxed plugin: Argo CD's Kustomize source type, selected by a
// kustomization file in the app path or a `kustomize` block.
import { defineRenderer } from '@driftless/plugin-sdk';
import { renderKustomize } from './render-kustomize';

export default defineRenderer({
  render: (input, host) => renderKustomize(input, host),
});
