export { buildGrafanaRequests, httpOutcome } from './grafana-request';
