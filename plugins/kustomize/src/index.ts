export { renderKustomize } from './render-kustomize';
export { buildInputs, references } from './kustomization-file';
export { overlayKustomization } from './overlay';
export { parseImageOverride } from './image-override';
