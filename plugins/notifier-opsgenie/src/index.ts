export { buildOpsgenieRequests } from './opsgenie-request';
