// Failures of chart sources, each with a code a user can search for. Messages
// say what failed, for which repository (URL without credentials) and chart,
// and what to do; they never carry credentials or the body of a response.

export type ChartErrorCode =
  'NOT_FOUND' | 'AUTH_FAILED' | 'VERSION_NOT_FOUND' | 'TOO_LARGE' | 'UNSAFE_ARCHIVE' | 'TIMEOUT' | 'FAILED';

export class ChartError extends Error {
  constructor(
    readonly code: ChartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ChartError';
  }
}

/** A repository URL fit for messages: no userinfo, query or fragment. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url.includes('://') ? url : `oci://${url}`);
    const shown = `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/+$/, '');
    return url.includes('://') ? shown : shown.replace(/^oci:\/\//, '');
  } catch {
    return '(unparseable repository URL)';
  }
}

/** Which chart of which repository an operation is about, for messages. */
export interface ChartLocation {
  url: string;
  chart: string;
}

export function describeLocation(location: ChartLocation): string {
  // An empty chart name: the repository itself (checking access to it).
  if (!location.chart) return `repository ${displayUrl(location.url)}`;
  return `chart "${location.chart}" from ${displayUrl(location.url)}`;
}

export function chartError(code: ChartErrorCode, location: ChartLocation, what: string, fix?: string): ChartError {
  return new ChartError(code, `${describeLocation(location)}: ${what}${fix ? ` — ${fix}` : ''}`);
}
