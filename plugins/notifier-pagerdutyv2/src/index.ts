export { buildPagerdutyv2Requests, httpOutcome } from './pagerdutyv2-request';
