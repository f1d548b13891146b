export { buildOpsgenieRequests, httpOutcome } from './opsgenie-request';
