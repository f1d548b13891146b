export { buildAlertmanagerRequests, httpOutcome } from './alertmanager-request';
