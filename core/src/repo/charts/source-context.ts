// What the sources share for one operation: the HTTP client, the caps and the
// deadline (one AbortSignal for the whole resolve or download).
import type { ChartHttp } from './chart-http';

export interface SourceLimits {
  maxChartBytes: number;
  maxIndexBytes: number;
  timeoutMs: number;
  indexCacheMs: number;
}

export interface OperationContext {
  http: ChartHttp;
  limits: SourceLimits;
  signal: AbortSignal;
}

export interface DownloadedChart {
  archive: Buffer;
  /** sha256 of the archive, `sha256:<hex>`. */
  digest: string;
}
