export { buildGooglechatRequests } from './googlechat-request';
