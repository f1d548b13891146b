// @driftless/render-kit/testing: fixtures for renderer plugin specs. Node-only
// (writeTree uses node:fs); never import it from code that is bundled.
export { testApplication } from './test-application';
export { writeTree, type FileTree } from './write-tree';
