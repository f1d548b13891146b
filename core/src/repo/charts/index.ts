// Helm chart sources: classic Helm repositories and OCI registries.
export { ChartCache, cacheKey, type ChartCacheOptions, type ChartFetchOptions, type FetchedChart } from './chart-cache';
export type { ChartRepoAccess } from './chart-access';
export { ChartError, type ChartErrorCode } from './chart-error';
export { isExactVersion, parseChartVersion, selectChartVersion } from './chart-version';
