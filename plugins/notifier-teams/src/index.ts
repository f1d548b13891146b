export { buildTeamsRequests } from './teams-request';
export { adaptiveCardOf, buildWorkflowsRequests } from './teams-workflows';
