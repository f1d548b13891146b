// A Helm repository's index.yaml, reduced to what chart fetching needs: per
// chart, its versions with download URLs and sha256 digests (every scalar read
// as a string, so `1.10` and an all-digit digest stay text). Only those few
// fields are read, so YAML aliases (billion laughs) are never expanded.
import { FAILSAFE_SCHEMA, load } from 'js-yaml';

export interface IndexChartVersion {
  version: string;
  urls: string[];
  /** sha256 of the .tgz, hex, when the index has one. */
  digest?: string;
}

export type HelmIndex = Map<string, IndexChartVersion[]>;

export class IndexParseError extends Error {}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function parseHelmIndex(text: string): HelmIndex {
  let document: unknown;
  try {
    document = load(text, { schema: FAILSAFE_SCHEMA, json: true });
  } catch {
    // The parser's message quotes the document; it stays out of errors.
    throw new IndexParseError('index.yaml is not valid YAML');
  }
  const entries = asRecord(asRecord(document)?.entries);
  if (!entries) throw new IndexParseError('index.yaml has no "entries" map; is this a Helm repository?');
  const index: HelmIndex = new Map();
  for (const [chart, list] of Object.entries(entries)) {
    if (!Array.isArray(list)) continue;
    const versions: IndexChartVersion[] = [];
    for (const item of list) {
      const record = asRecord(item);
      const version = asText(record?.version);
      if (!record || version === undefined) continue;
      const urls = Array.isArray(record.urls)
        ? record.urls.filter((url): url is string => typeof url === 'string')
        : [];
      const digest = asText(record.digest)
        ?.replace(/^sha256:/, '')
        .toLowerCase();
      versions.push(digest && /^[0-9a-f]{64}$/.test(digest) ? { version, urls, digest } : { version, urls });
    }
    index.set(chart, versions);
  }
  return index;
}
