// The sandboxed plugin: the entry `driftless-plugin build --entry src/plugin.ts`
// bundles into dist/plugin.bundle.js. The host routes it the kinds its manifest lists
// (package.json `driftless.contributes.health`), a batch per call; `null` is
// "no health" (Argo CD's nil).
//
// argocd-cm Lua overrides are not applied here: the v1 health contract's input
// carries only the objects (see README).
import { defineHealthPlugin } from '@driftless/plugin-sdk';
import { assessHealthBatch } from './assess';

export default defineHealthPlugin({
  assess({ objects }) {
    return { results: assessHealthBatch(objects).map((health) => health ?? null) };
  },
});
