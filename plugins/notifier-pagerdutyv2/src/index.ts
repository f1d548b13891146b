export { buildPagerdutyv2Requests } from './pagerdutyv2-request';
