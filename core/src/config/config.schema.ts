// The kernel's typed configuration, read from the environment and validated
// once at start. An invalid value is named together with how to fix it.
import { z } from 'zod';
import { defaultDeniedNetworks, egressPolicy, parseNetworks } from '../repo/egress/egress-policy';

const redisUrl = z.string().refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), {
  message: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
});

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const positiveInt = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1');

/** Comma-separated CIDRs for the egress `list`; each must parse. */
const networks = (list: 'deny' | 'allow') =>
  z.string().superRefine((value, context) => {
    try {
      egressPolicy({ deny: [], allow: [], [list]: parseNetworks(value) });
    } catch (error) {
      context.addIssue({ code: 'custom', message: `${(error as Error).message}; separate networks with commas` });
    }
  });

export const configSchema = z.object({
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  DRIFTLESS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a Kubernetes namespace name (lower-case letters, digits, -)')
    .max(63, 'must be at most 63 characters')
    .default('argocd'),
  DRIFTLESS_ADDRESS: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DRIFTLESS_PORT: port.optional(),
  DRIFTLESS_DATA_DIR: z.string().min(1, 'must not be empty').optional(),
  KUBECONFIG: z.string().optional(),
  KUBE_CONTEXT: z.string().optional(),
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], {
      message: 'must be one of trace, debug, info, warn, error, fatal, silent',
    })
    .default('info'),
  NODE_ENV: z.string().default('production'),
  DRIFTLESS_REPO_CACHE_DIR: z.string().min(1, 'must not be empty').optional(),
  DRIFTLESS_ALLOW_FILE_URLS: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  DRIFTLESS_MANIFEST_TIMEOUT: positiveInt.default(90),
  DRIFTLESS_MAX_MANIFESTS: positiveInt.default(10_000),
  DRIFTLESS_MAX_MANIFEST_BYTES: positiveInt.default(64 * 1024 * 1024),
  DRIFTLESS_REPO_PARALLELISM: positiveInt.default(4),
  DRIFTLESS_REPO_EGRESS_DENY: networks('deny').default(defaultDeniedNetworks.join(',')),
  DRIFTLESS_REPO_EGRESS_ALLOW: networks('allow').default(''),
  DRIFTLESS_STATUS_PROCESSORS: positiveInt.default(20),
  DRIFTLESS_OPERATION_PROCESSORS: positiveInt.default(20),
  DRIFTLESS_SHARD_HEARTBEAT_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(50, 'must be at least 50')
    .default(10_000),
  DRIFTLESS_ALLOWED_ORIGINS: z
    .string()
    .refine((value) => value.split(',').every((origin) => origin.trim() === '' || isOrigin(origin.trim())), {
      message: 'must be comma-separated origins such as https://cd.example.com',
    })
    .default(''),
  ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(5),
  ARGOCD_SESSION_FAILURE_WINDOW_SECONDS: positiveInt.default(300),
  DRIFTLESS_API_RATE_LIMIT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(100),
  DRIFTLESS_API_ANONYMOUS_RATE_LIMIT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(20),
  DRIFTLESS_PLUGIN_RUNNER_SOCKET: z
    .string()
    .refine((value) => value.startsWith('/'), { message: 'must be an absolute path, e.g. /run/driftless/runners.sock' })
    .optional(),
  DRIFTLESS_API_EXECUTION_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .default(30_000),
  DRIFTLESS_LOGIN_DELAY_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .default(500),
});

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export type RawConfig = z.infer<typeof configSchema>;

export interface KernelConfig {
  redisUrl: string;
  namespace: string;
  address: string;
  port: number | undefined;
  dataDir: string | undefined;
  kubeconfigPath: string | undefined;
  kubeContext: string | undefined;
  logLevel: RawConfig['LOG_LEVEL'];
  production: boolean;
  repo: RepoServerConfig;
  controller: ControllerConfig;
  auth: AuthConfig;
  api: ApiConfig;
  /**
   * The `driftless plugin-runner-host` socket: plugin runners then run in that
   * process's container (no service-account token), not as the kernel's children.
   */
  pluginRunnerSocket?: string | undefined;
}

export interface ApiConfig {
  /** Operations per second per principal, and per client address without a token; 0 turns a limit off. */
  rateLimits: { perPrincipalPerSecond: number; anonymousPerAddressPerSecond: number };
  /** How long one HTTP operation may take before it is answered with DEADLINE_EXCEEDED. */
  executionTimeoutMs: number;
}

export interface AuthConfig {
  /** Browser origins besides the server's own that may open the GraphQL WebSocket (CSWSH check). */
  allowedOrigins: string[];
  /** Login rate limiting (Argo CD's variables and defaults) and the minimum time a refused login takes. */
  login: { maxFailures: number; windowSeconds: number; minimumDelayMs: number };
}

export interface ControllerConfig {
  /** Application refreshes one controller runs at once (Argo CD's controller.status.processors). */
  statusProcessors: number;
  /**
   * Operation steps one controller runs at once (Argo CD's controller.operation.processors). A step
   * never waits for a hook or a rollout, so this bounds API concurrency, not how many syncs can run.
   */
  operationProcessors: number;
  /** How often a replica renews its shard Leases; a replica that stops renewing loses them after 3. */
  shardHeartbeatMs: number;
}

export interface RepoServerConfig {
  /** Git mirrors, checkouts and charts; undefined → under the data dir, else a temp dir. */
  cacheDir: string | undefined;
  /** file:// repository URLs; undefined → allowed in local mode only. */
  allowFileUrls: boolean | undefined;
  /** Seconds one manifest generation may take. */
  manifestTimeoutSeconds: number;
  maxManifests: number;
  maxManifestBytes: number;
  /** Manifest generations one repo-server runs at once. */
  parallelism: number;
  /** Networks repositories may not be reached at, and (when not empty) the only ones they may. */
  egress: { deny: string[]; allow: string[] };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses environment variables into a KernelConfig or throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): KernelConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      const shown = JSON.stringify(env[variable] ?? '');
      return `${variable}=${shown} ${issue.message} — fix or unset ${variable}`;
    });
    throw new ConfigError(problems);
  }
  const raw = result.data;
  return {
    redisUrl: raw.REDIS_URL,
    namespace: raw.DRIFTLESS_NAMESPACE,
    address: raw.DRIFTLESS_ADDRESS,
    port: raw.DRIFTLESS_PORT,
    dataDir: raw.DRIFTLESS_DATA_DIR,
    kubeconfigPath: raw.KUBECONFIG === '' ? undefined : raw.KUBECONFIG,
    kubeContext: raw.KUBE_CONTEXT,
    logLevel: raw.LOG_LEVEL,
    production: raw.NODE_ENV === 'production',
    repo: {
      cacheDir: raw.DRIFTLESS_REPO_CACHE_DIR,
      allowFileUrls: raw.DRIFTLESS_ALLOW_FILE_URLS === undefined ? undefined : raw.DRIFTLESS_ALLOW_FILE_URLS === 'true',
      manifestTimeoutSeconds: raw.DRIFTLESS_MANIFEST_TIMEOUT,
      maxManifests: raw.DRIFTLESS_MAX_MANIFESTS,
      maxManifestBytes: raw.DRIFTLESS_MAX_MANIFEST_BYTES,
      parallelism: raw.DRIFTLESS_REPO_PARALLELISM,
      egress: {
        deny: parseNetworks(raw.DRIFTLESS_REPO_EGRESS_DENY),
        allow: parseNetworks(raw.DRIFTLESS_REPO_EGRESS_ALLOW),
      },
    },
    controller: {
      statusProcessors: raw.DRIFTLESS_STATUS_PROCESSORS,
      operationProcessors: raw.DRIFTLESS_OPERATION_PROCESSORS,
      shardHeartbeatMs: raw.DRIFTLESS_SHARD_HEARTBEAT_MS,
    },
    auth: {
      allowedOrigins: raw.DRIFTLESS_ALLOWED_ORIGINS.split(',')
        .map((origin) => origin.trim().replace(/\/$/, ''))
        .filter((origin) => origin !== ''),
      login: {
        maxFailures: raw.ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT,
        windowSeconds: raw.ARGOCD_SESSION_FAILURE_WINDOW_SECONDS,
        minimumDelayMs: raw.DRIFTLESS_LOGIN_DELAY_MS,
      },
    },
    pluginRunnerSocket: raw.DRIFTLESS_PLUGIN_RUNNER_SOCKET,
    api: {
      rateLimits: {
        perPrincipalPerSecond: raw.DRIFTLESS_API_RATE_LIMIT,
        anonymousPerAddressPerSecond: raw.DRIFTLESS_API_ANONYMOUS_RATE_LIMIT,
      },
      executionTimeoutMs: raw.DRIFTLESS_API_EXECUTION_TIMEOUT_MS,
    },
  };
}
