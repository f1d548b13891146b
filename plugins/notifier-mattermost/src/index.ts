export { buildMattermostRequests } from './mattermost-request';
