// The sandboxed plugin: Argo CD's Directory source type, the renderer an app
// gets when no other renderer's discovery files are in its path.
import { defineRenderer } from '@driftless/plugin-sdk';
import { renderDirectory } from './render-directory';

export default defineRenderer({
  render: (input, host) => renderDirectory(input, host),
});
