export { buildGrafanaRequests } from './grafana-request';
