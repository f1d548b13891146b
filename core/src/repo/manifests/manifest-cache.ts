// Rendered manifests in Redis. Every entry carries the sha256 of its body and
// is checked on read: a corrupted or truncated entry is dropped and rendered
// again, never served.
import { type Redis } from 'ioredis';
import { type KubeObject } from '@driftless/plugin-sdk';
import { canonicalJson, sha256 } from './cache-keys';

export interface CachedRender {
  manifests: KubeObject[];
  revision: string;
  sourceType: string;
  refRevisions: Record<string, string>;
}

/** What a content entry needs re-checked before its render is reused for another revision. */
export interface ContentEntry {
  /** Workspace path → git object hash (null: absent) at the rendered revision. */
  dependencies: Record<string, string | null>;
  revisionKey: string;
}

/** A source as its revision resolves: repository, chart, target revision. */
export interface ResolvedSourceRef {
  repoURL: string;
  chart?: string | undefined;
  targetRevision?: string | undefined;
}

function resolvedKey(source: ResolvedSourceRef): string {
  return `resolved:${sha256(canonicalJson([source.repoURL, source.chart ?? '', source.targetRevision ?? '']))}`;
}

export interface ManifestCacheOptions {
  prefix: string;
  /** Seconds an entry lives (Argo CD's repo cache default: 24 h). */
  ttlSeconds: number;
  onCorrupt?: (key: string) => void;
}

export class ManifestCache {
  constructor(
    private readonly redis: Redis,
    private readonly options: ManifestCacheOptions,
  ) {}

  getRender(revisionKey: string): Promise<CachedRender | undefined> {
    return this.read<CachedRender>(`rev:${revisionKey}`);
  }

  async putRender(revisionKey: string, render: CachedRender): Promise<void> {
    await this.write(`rev:${revisionKey}`, render);
  }

  getContent(contentKey: string): Promise<ContentEntry | undefined> {
    return this.read<ContentEntry>(`content:${contentKey}`);
  }

  async putContent(contentKey: string, entry: ContentEntry): Promise<void> {
    await this.write(`content:${contentKey}`, entry);
  }

  /**
   * What a source's target revision resolved to in a recent generation, kept
   * for as long as the repo-server reuses its own resolution (ls-remote, a
   * chart index): a controller whose last render of an app is for that
   * revision needs no new generation. Not the source of truth for anything —
   * a miss only means asking the repo-server.
   */
  async putResolved(source: ResolvedSourceRef, revision: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.options.prefix + resolvedKey(source), revision, 'PX', ttlMs);
  }

  async getResolved(sources: readonly ResolvedSourceRef[]): Promise<(string | undefined)[]> {
    if (sources.length === 0) return [];
    const values = await this.redis.mget(...sources.map((source) => this.options.prefix + resolvedKey(source)));
    return values.map((value) => value ?? undefined);
  }

  private async read<T>(key: string): Promise<T | undefined> {
    const stored = await this.redis.get(this.options.prefix + key);
    if (stored === null) return undefined;
    const newline = stored.indexOf('\n');
    const body = newline === 64 ? stored.slice(65) : undefined;
    if (body === undefined || sha256(body) !== stored.slice(0, 64)) {
      this.options.onCorrupt?.(key);
      await this.redis.del(this.options.prefix + key);
      return undefined;
    }
    return JSON.parse(body) as T;
  }

  private async write(key: string, value: unknown): Promise<void> {
    const body = JSON.stringify(value);
    await this.redis.set(this.options.prefix + key, `${sha256(body)}\n${body}`, 'EX', this.options.ttlSeconds);
  }
}
