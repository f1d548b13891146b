export { buildMattermostRequests, httpOutcome } from './mattermost-request';
