export { buildGooglechatRequests, httpOutcome } from './googlechat-request';
