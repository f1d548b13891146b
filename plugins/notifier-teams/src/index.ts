export { buildTeamsRequests, httpOutcome } from './teams-request';
export { adaptiveCardOf, buildWorkflowsRequests } from './teams-workflows';
