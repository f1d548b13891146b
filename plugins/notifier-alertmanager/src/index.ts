export { buildAlertmanagerRequests } from './alertmanager-request';
