export { buildSlackMessage, slackOutcome, type SlackServiceConfig, type SlackTemplate } from './slack-message';
