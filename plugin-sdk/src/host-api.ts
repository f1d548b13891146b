// The host API a plugin receives as its second argument. Every function is
// async and checked against the capabilities the plugin's manifest requested
// and an admin granted; a call outside them fails with PLUGIN_CAPABILITY_DENIED.

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The URL that answered, after redirects. */
  url: string;
}

/** A mail through a granted SMTP server (Argo CD's email service). */
export interface SmtpRequest {
  host: string;
  /** Default 587. */
  port?: number;
  /** TLS from the first byte; default: port 465. Otherwise STARTTLS — required when `auth` is given. */
  implicitTls?: boolean;
  /** Accept any certificate (Argo CD's `insecure_skip_verify`). */
  insecureSkipVerify?: boolean;
  auth?: { user: string; pass: string };
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  text?: string;
  html?: string;
}

export interface SmtpResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** A signature over `data` (UTF-8) with a PEM private key the plugin holds. */
export interface SignRequest {
  algorithm: 'RS256';
  key: string;
  data: string;
}

export interface SignResult {
  /** base64url, as JWTs carry it. */
  signature: string;
}

export interface ExecRequest {
  /** A bare binary name from the granted list, e.g. `helm` (no paths). */
  binary: string;
  args?: string[];
  stdin?: string;
  timeoutMs?: number;
  /**
   * Run inside a private, writable copy of the workspace, in this directory
   * (relative to the workspace root, e.g. `.`). Needs the workspace grant. The
   * copy is made once per plugin call, shared by that call's exec runs and
   * removed when the call ends; links that leave the workspace fail the copy.
   * Without `cwd` the binary runs in an empty private directory.
   */
  cwd?: string;
  /**
   * With `cwd`: copy only these workspace paths (files or folders, relative to
   * its root) instead of the whole workspace — a chart in a monorepo needs its
   * folder and value files, not every other app. Links inside bring their
   * targets along; paths named by a later exec of the same call are added.
   */
  workspacePaths?: string[];
  /**
   * Files to write before running, by path relative to the run's root (the
   * workspace copy, or the private directory). Existing files are not replaced.
   */
  files?: Record<string, string>;
  /**
   * Extra environment variables: Argo CD's build environment. Only
   * `ARGOCD_APP_*`, `ARGOCD_ENV_*`, `PARAM_*`, `KUBE_VERSION` and
   * `KUBE_API_VERSIONS` pass; the rest of the environment stays scrubbed.
   */
  env?: Record<string, string>;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface WorkspaceEntry {
  name: string;
  type: 'file' | 'directory';
}

/** A file found by `workspace.walk`. */
export interface WorkspaceFile {
  /** Relative to the workspace root, `/`-separated. */
  path: string;
  size: number;
}

export interface WalkOptions {
  /** Descend into subdirectories (default true). */
  recurse?: boolean;
  /** Stop with PLUGIN_LIMIT_EXCEEDED past this many files (default 10,000). */
  maxFiles?: number;
}

export type LogFields = Record<string, string | number | boolean | null>;

export interface HostApi {
  http: { fetch(request: HttpRequest): Promise<HttpResponse> };
  smtp: { send(request: SmtpRequest): Promise<SmtpResult> };
  crypto: { sign(request: SignRequest): Promise<SignResult> };
  exec: { run(request: ExecRequest): Promise<ExecResult> };
  /**
   * Read-only view of the checked-out source of this call; paths are relative
   * to its root. A path starting with `$name/` reads the workspace of the
   * source with `ref: name` (multi-source applications).
   */
  workspace: {
    readFile(path: string): Promise<string>;
    /** Several files in one host call, by path; each must exist. */
    readFiles(paths: string[]): Promise<Record<string, string>>;
    list(path: string): Promise<WorkspaceEntry[]>;
    /**
     * Files under a directory (not the directories themselves), sorted by path;
     * `.git` is skipped; a link that leaves the workspace fails the walk.
     */
    walk(path: string, options?: WalkOptions): Promise<WorkspaceFile[]>;
    exists(path: string): Promise<boolean>;
  };
  /** Only the secrets the kernel resolved for this call. */
  secrets: { get(name: string): Promise<string> };
  log: {
    info(message: string, fields?: LogFields): Promise<void>;
    warn(message: string, fields?: LogFields): Promise<void>;
    error(message: string, fields?: LogFields): Promise<void>;
  };
}

export type CapabilityName = 'http' | 'smtp' | 'crypto' | 'exec' | 'workspace' | 'secrets';
