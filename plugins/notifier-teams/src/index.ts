export { buildTeamsRequests, httpOutcome } from './teams-request';
