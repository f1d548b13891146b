export { renderDirectory, maxSizeSetting } from './render-directory';
export { parseYamlManifests, parseJsonManifest } from './manifest-file';
export { selectManifestFiles } from './select-files';
